/**
 * The JavaFX app: the window ({@link org.transferlab.ui.TransferLabApp}), the set-up panel, the bridge that
 * carries a run's events from its training thread to the JavaFX thread ({@link org.transferlab.ui.RunBridge}),
 * the session's runs, scenarios and lessons. The views themselves are in {@code ui.views}. Nothing here calls
 * ND4J: the UI talks to the engine's API only (checked by {@code LayerRulesTest}).
 */
package org.transferlab.ui;

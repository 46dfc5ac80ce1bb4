package org.transferlab.cli;

import org.transferlab.engine.Version;
import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"TransferLab " + Version.get()};
    }
}

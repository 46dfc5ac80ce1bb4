package org.transferlab.engine;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Pause, resume and stop for a running training loop; safe to call from any thread. */
public final class RunControl {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean paused;
    private volatile boolean stopRequested;

    public void pause() {
        lock.lock();
        try {
            paused = true;
        } finally {
            lock.unlock();
        }
    }

    public void resume() {
        lock.lock();
        try {
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Asks the loop to end after the current step; a paused run stops too. */
    public void stop() {
        lock.lock();
        try {
            stopRequested = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /** Blocks while paused; returns at once otherwise. Returns whether a stop was asked for. */
    public boolean awaitRunnable() throws InterruptedException {
        lock.lock();
        try {
            while (paused && !stopRequested) {
                changed.await();
            }
            return stopRequested;
        } finally {
            lock.unlock();
        }
    }
}

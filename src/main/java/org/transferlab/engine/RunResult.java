package org.transferlab.engine;

/**
 * How a run ended. {@code message} says, in plain words, what happened and what to do; the summary holds
 * the numbers up to the end (also for stopped or diverged runs).
 */
public record RunResult(Status status, String message, RunSummary summary) {
    public enum Status {
        COMPLETED, STOPPED, DIVERGED, FAILED;

        public String id() {
            return name().toLowerCase();
        }
    }
}

package io.ferrymq.tools.verify;

/**
 * Injects one kind of fault into the cluster under test and heals it, as {@link FaultSchedule} asks:
 * {@link #begin} then {@link #end}, never two begins in a row. Each returns a one-line description
 * for the history ({@code "killed broker 2 (leader of t-0)"}). Implementations: none, a user-supplied
 * command ({@link CommandFaults}), the local cluster manager (in broker-node). Called from one
 * thread at a time.
 */
public interface FaultInjector {

    /** Injects nothing. */
    FaultInjector NONE = new FaultInjector() {
        @Override
        public String begin() {
            return "no fault";
        }

        @Override
        public String end() {
            return "nothing to heal";
        }
    };

    /** Starts a fault. */
    String begin();

    /** Heals the fault the last {@link #begin} started. */
    String end();
}

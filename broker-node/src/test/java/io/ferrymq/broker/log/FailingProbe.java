package io.ferrymq.broker.log;

/**
 * An {@link AppendProbe} that, once armed, throws {@link InjectedFailure} the {@code nth} time an
 * append reaches {@code step} (after running {@code onFailure}), then disarms itself. Used under
 * the log's append lock only.
 */
final class FailingProbe implements AppendProbe {

    /** The failure a probe injects; tests expect exactly this type. */
    static final class InjectedFailure extends RuntimeException {
        InjectedFailure(Step step, int nth) {
            super("injected failure at " + step + " #" + nth);
        }
    }

    private final Step step;
    private final int nth;
    private final Runnable onFailure;
    private boolean armed;
    private int seen;
    private boolean fired;

    FailingProbe(Step step, int nth, Runnable onFailure) {
        this.step = step;
        this.nth = nth;
        this.onFailure = onFailure;
    }

    FailingProbe(Step step, int nth) {
        this(step, nth, () -> { });
    }

    void arm() {
        armed = true;
        seen = 0;
    }

    boolean fired() {
        return fired;
    }

    @Override
    public void reached(Step reached) {
        if (armed && reached == step && ++seen == nth) {
            armed = false;
            fired = true;
            onFailure.run();
            throw new InjectedFailure(step, nth);
        }
    }
}

/**
 * {@code ferry verify}, a Jepsen-style checker users run against their own cluster: a run
 * ({@link io.ferrymq.tools.verify.VerifyRun}) records a {@link io.ferrymq.tools.verify.History} while
 * faults are injected ({@link io.ferrymq.tools.verify.FaultSchedule} over a
 * {@link io.ferrymq.tools.verify.FaultInjector}), and the pure
 * {@link io.ferrymq.tools.verify.HistoryChecker} turns it into a {@link io.ferrymq.tools.verify.Verdict}.
 * The command itself, and the faults through the local cluster manager, live in broker-node's
 * {@code cli} package (only broker-node can start a local cluster).
 */
package io.ferrymq.tools.verify;

/**
 * The broker's web console, served by the admin HTTP server
 * ({@link io.ferrymq.broker.admin.AdminServer}) under {@code /console/} (plain HTML, JS and CSS from
 * the jar, no build step) with JSON under {@code /api/}.
 *
 * <p>Any broker's console shows the whole cluster. Topics, groups and messages come through
 * Ferry's own client ({@link io.ferrymq.broker.console.ClusterClients}), so the numbers are
 * those {@code ferry topics describe} and {@code ferry groups describe} print, and partitions or
 * groups that live on other brokers are read from there. Sizes, rates and ZooKeeper session state
 * exist only in each broker's metrics, so the
 * {@link io.ferrymq.broker.console.ClusterPoller} reads every broker's {@code /metrics.json} (found
 * through the {@code admin_url} of its registration) every two seconds; a broker whose admin server
 * stops answering shows as down at the next poll, before ZooKeeper expires its session. A second
 * thread samples every group's total lag through the client for the lag chart. Pure parts:
 * {@link io.ferrymq.broker.console.ClusterJson}, {@link io.ferrymq.broker.console.GroupJson},
 * {@link io.ferrymq.broker.console.MessageJson}, {@link io.ferrymq.broker.console.MessageQuery},
 * {@link io.ferrymq.broker.console.Rates}, {@link io.ferrymq.broker.console.LagHistory},
 * {@link io.ferrymq.broker.console.MetricsSnapshot}, {@link io.ferrymq.broker.console.StaticAssets}.
 *
 * <p>Read-only unless security is on and the principal may alter: with an authorizer and the admin
 * port over HTTPS, {@link io.ferrymq.broker.console.ConsoleWrites} logs users in against the SCRAM
 * credentials ({@link io.ferrymq.broker.console.ConsoleLogin}, sessions in
 * {@link io.ferrymq.broker.console.ConsoleSessions}) and applies an alteration only when the
 * broker's authorizer allows it to the logged-in principal
 * ({@link io.ferrymq.broker.console.ConsoleAlteration}). Without them every {@code POST} answers 403.
 */
package io.ferrymq.broker.console;

/**
 * Leader election: one {@link io.ferrymq.coordinator.election.LeaderElectionService} per broker and
 * one {@link io.ferrymq.coordinator.election.LeaderElector} per hosted replica, around a latch
 * per partition ({@code PartitionLatch}, Curator's {@code LeaderLatch} recipe on the election thread) (DESIGN.md, "Leader election, epochs and fencing" and "Latch
 * mechanics"). Results reach the broker through its
 * {@link io.ferrymq.coordinator.election.LeadershipListener}.
 *
 * <h2>What lives where</h2>
 * <ul>
 *   <li>{@code ElectionPolicy} (pure, unit-tested): eligibility, the eligible replicas ahead in the
 *       assignment, the elected state, the follower notifications, the preferred-leader rebalance
 *       move for a latch order, and the lifecycle {@code ElectionPhase}
 *       (IDLE, QUEUED, ELECTING, LEADING, RESIGNED, CLOSED) with its allowed moves.</li>
 *   <li>{@code ZkLeaderElector}: the ZooKeeper side of one replica, which learns changes of
 *       {@code state} from the broker's metadata cache (through {@code LeaderElectionService}) and
 *       keeps the newest version seen ({@code NewestState}); {@code LatchSeat} its latch
 *       and join order; {@code PartitionLatch} the latch recipe; {@code PreferredLeaderRebalance} the rebalance rounds; {@code ElectionZk}
 *       the asynchronous ZooKeeper calls.</li>
 *   <li>{@code OnDemandElections}: Kafka's ElectLeaders through {@code /admin/elections} request
 *       nodes, the requester's side and every broker's; the refusals and outcomes are
 *       {@code ElectionPolicy}'s.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Every latch callback, watch, timer, ZooKeeper completion and listener call of one broker runs on
 * its ordered thread {@code ferry-election-<brokerId>}; nothing blocks ZooKeeper's event thread.
 * Public methods may be called from any thread and hand their work to that thread.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>A replica is in its latch only while in the ISR recorded in {@code state} (or, with
 *       unclean election enabled, while no ISR member is registered), never after resigning.</li>
 *   <li>A replica leads only after writing {@code leader=self, leaderEpoch+1} in one transaction
 *       that checks its latch node and the {@code state} version it read.</li>
 *   <li>A leader steps down (and the listener hears of it) before it leaves the latch, and at once
 *       on SUSPENDED/LOST, latch loss or a {@code state} with another leader or epoch; after LOST
 *       every latch is closed and recreated on reconnect.</li>
 * </ul>
 */
package io.ferrymq.coordinator.election;

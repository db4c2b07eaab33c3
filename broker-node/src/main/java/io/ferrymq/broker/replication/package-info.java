/**
 * Replication: the {@link io.ferrymq.broker.replication.ReplicaManager} and what it drives — follower
 * fetchers, ISR maintenance, purgatories for acks=all and long-poll fetches — over the per-partition
 * state machine of {@code io.ferrymq.broker.partition}. DESIGN.md ("Leader election, epochs and
 * fencing", "Commit rule") is the contract; where it is silent this package decided as follows.
 *
 * <h2>Commit and acknowledgement</h2>
 * <ul>
 *   <li>An acks=all waiter remembers the leader epoch of its append. If the partition's epoch changes
 *       before the high watermark passes the batch (even when this broker is re-elected) the waiter
 *       fails with {@code NOT_LEADER_OR_FOLLOWER}: the offset may have been truncated and rewritten,
 *       so it must never be acknowledged by a later high watermark.</li>
 *   <li>{@code NOT_ENOUGH_REPLICAS_AFTER_APPEND} follows Kafka: the high watermark passed the batch
 *       while the ISR was below {@code min.insync.replicas} (it shrank after the append).</li>
 *   <li>A new leader does not know its followers' log end offsets until they fetch; until every ISR
 *       member has fetched in the new epoch the high watermark stays where it was.</li>
 *   <li>While the ZooKeeper connection is SUSPENDED or LOST, appends are refused with
 *       {@code NOT_LEADER_OR_FOLLOWER} and acks=all waiters are not completed; the electors also
 *       step every leader down, which fails the waiters.</li>
 *   <li>Waiters are woken by events (append, high-watermark move, leadership change, ISR change,
 *       reconnection), never by polling; one timer thread per purgatory expires them.</li>
 * </ul>
 *
 * <h2>ISR</h2>
 * <ul>
 *   <li>Shrink checks run every {@code replica.lag.time.max.ms / 2} and at once when a broker's
 *       registration disappears (rule 9); expansion is checked when a follower's fetch reaches the
 *       high watermark and when a broker registers. A follower joins only when its log end offset
 *       is at least the high watermark and the start offset of the leader's current epoch (it has
 *       fetched in this epoch, so it holds no divergent tail), and it is registered.</li>
 *   <li>Every change is written to ZooKeeper first ({@code IsrUpdater}: conditional on the znode
 *       version and on this broker leading at its epoch) and only then used as the committed ISR
 *       (for {@code min.insync.replicas} and the metrics). On a conflict the state is re-read; if
 *       another leader or epoch is found the partition steps down at once and follows the leader it
 *       found.</li>
 *   <li>Maximal ISR (Kafka's KIP-497; issue 14). From the moment a change is proposed until its
 *       write resolves, the change is pending in the partition, under its lock, and the high
 *       watermark (so acks=all completion too) is computed over the committed ISR plus the pending
 *       members: for an expansion the old ISR and the joiner, for a shrink the old, larger ISR. So the
 *       high watermark never passes the log end of a replica that ZooKeeper may already name in the
 *       ISR, and a clean election never picks a replica missing an acknowledged write. Deciding the
 *       change and the write are not atomic, which is why this is needed: without it the high
 *       watermark advanced over the old ISR while the expansion was in flight. One change is pending
 *       at a time; {@code min.insync.replicas} counts the committed ISR only. The write resolves the
 *       change: success applies the ISR written; a conflict at this broker's own epoch applies the
 *       ISR ZooKeeper holds (only this leader writes it at that epoch, so that is the old ISR or our
 *       own write, e.g. a retry that landed after a lost connection); a deposition drops it with the
 *       leader state; any other failure leaves the outcome unknown, so the change stays pending and
 *       the next shrink check writes it again (writing the same ISR twice is harmless).</li>
 * </ul>
 *
 * <h2>Followers</h2>
 * <ul>
 *   <li>A follower fetch without a leader epoch is refused ({@code INVALID_REQUEST}); it could not
 *       be fenced.</li>
 *   <li>Truncation repeats OffsetsForLeaderEpoch until the answer matches the follower's own epoch
 *       (see {@code TruncationPolicy}); a replica with an empty epoch cache keeps only its high
 *       watermark. Fetching starts only after truncation completed in the current epoch.</li>
 *   <li>{@code OFFSET_OUT_OF_RANGE} from the leader: if the leader's log start is past our log end
 *       the log restarts there, otherwise truncation is redone.</li>
 *   <li>Fetcher threads are never interrupted (an interrupt during a segment write would close the
 *       file channel); stopping cancels the request in flight instead.</li>
 *   <li>Followers fetch in sessions (KIP-227): {@code FetchSessionBuilder} on the follower sends only
 *       changed partitions after a first full request; on the leader {@code SessionFetches}, over
 *       {@code FerryFetchSessions} and the shared {@code FetchSessionCache}, reads only the session
 *       partitions that changed since the session last read them (marked by appends, high-watermark
 *       moves and leadership changes, or left with more to send), waits on the session as a whole,
 *       and answers only partitions with news; any session error or failed request makes the next
 *       request full (DESIGN.md, "Fetch sessions between brokers").</li>
 * </ul>
 *
 * <h2>Controlled shutdown</h2>
 * {@link io.ferrymq.broker.replication.ReplicaManager#resignLeaderships()} first refuses new appends
 * on every partition led here (retriable), waits until each one's high watermark reaches its log end
 * (every pending acks=all request was answered) and every member of the ISR that ZooKeeper holds,
 * read from the partition's state znode, has the whole log, bounded by
 * {@code controlled.shutdown.timeout.ms}, and only then leaves the latches. ZooKeeper's ISR, not the
 * local one, because the electors choose the successor from it. So a rolling restart
 * loses nothing acknowledged and leaves nothing appended-but-unanswered for a producer to duplicate.
 * The broker must call it while its socket server still serves follower fetches.
 *
 * <h2>Log-dir failure (KIP-112)</h2>
 * Disk errors of a replica's log reach the storage module's {@code LogDirFailureChannel}
 * ({@link io.ferrymq.broker.replication.PartitionLogReplica} guards every disk operation);
 * {@link io.ferrymq.broker.replication.LogDirFailureHandler} then takes the dir's replicas offline
 * ({@link io.ferrymq.broker.replication.HostedPartitions} answers them {@code KAFKA_STORAGE_ERROR}),
 * records them in the registration before leaving their latches (so the next leader's ISR leaves them
 * out), closes their logs, and stops the broker when no dir is left. Leaders elsewhere drop a follower
 * whose registration reports its replica offline at once, like an unregistered one. DESIGN.md,
 * "Log-dir failure", has the whole story.
 *
 * <h2>Other choices</h2>
 * <ul>
 *   <li>A topic's {@code min.insync.replicas} override wins over the broker default; an unparsable
 *       override is logged and the default used.</li>
 *   <li>At start, local logs of partitions no longer assigned to this broker (topic deleted while
 *       it was down) are deleted; pending deletions are finished and acknowledged.</li>
 *   <li>Unclean elections are decided and logged by the coordinator's electors; the replica manager
 *       counts them in {@code uncleanLeaderElections} and logs a warning with the partition.</li>
 *   <li>High watermarks are checkpointed every
 *       {@code replica.high.watermark.checkpoint.interval.ms} and on close; a restarted replica
 *       starts from its checkpoint, capped to its log.</li>
 * </ul>
 */
package io.ferrymq.broker.replication;

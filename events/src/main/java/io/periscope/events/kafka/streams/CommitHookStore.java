package io.periscope.events.kafka.streams;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import java.util.Map;

/**
 * A state store that holds nothing: its {@link #commit(Map)}, which Kafka Streams calls before committing a
 * task's offsets, runs a hook. A processor that keeps its state in memory (discovery's catalog, detection's actors)
 * uses it to write what changed to its persistent store, so that committed offsets never run ahead of stored state.
 * It is added to the topology (and connected to the processor) before the stores the hook writes, so that it is
 * committed first.
 *
 * <p>Why a store and not the processor API: the guarantee must hold at every offset commit, and Kafka Streams
 * commits on its own, not only when asked — at each {@code commit.interval.ms}, when a rebalance revokes the
 * task, and on close. None of the public processor hooks runs at those points: a punctuator runs on its own
 * schedule, and {@code ProcessorContext#commit()} only requests a commit that may come after more records were
 * processed; {@code Processor#close()} runs after a revoked task's offsets are committed; the
 * {@code KafkaStreams} state listener and the restore listeners follow client state and restoration, not
 * commits. Writing every change to the store as it happens would keep the guarantee, at the cost of serializing
 * the state per record, which the in-memory state exists to avoid. A custom {@code StateStore} is public
 * API, and "every store of a task is committed before the task's offsets" is its documented contract.
 *
 * <p>Relied on beyond that contract, and pinned by {@code CommitHookStoreTest}: a task commits its stores in the
 * order they were added to the topology, so the hook's writes reach the other stores before those commit.
 * Discovery's {@code CommitRecoveryIntegrationTest} and detection's {@code DetectionStreamsIntegrationTest} check
 * the whole guarantee on a real broker.
 */
public final class CommitHookStore implements StateStore {
    private final String name;
    private volatile Runnable hook = () -> { };
    private boolean open;

    public CommitHookStore(String name) {
        this.name = name;
    }

    public void onFlush(Runnable hook) {
        this.hook = hook;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> { });
        open = true;
    }

    /** Called by the task for every store before it commits its offsets. */
    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        hook.run();
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Builds one hook store per task; logging and caching do not apply. */
    public static StoreBuilder<CommitHookStore> builder(String name) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<CommitHookStore> withCachingEnabled() {
                return this;
            }

            @Override
            public StoreBuilder<CommitHookStore> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<CommitHookStore> withLoggingEnabled(Map<String, String> config) {
                return this;
            }

            @Override
            public StoreBuilder<CommitHookStore> withLoggingDisabled() {
                return this;
            }

            @Override
            public CommitHookStore build() {
                return new CommitHookStore(name);
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}

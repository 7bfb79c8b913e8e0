package io.periscope.discovery.streams;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import java.util.Map;

/**
 * A state store that holds nothing: its {@link #commit(Map)}, which Kafka Streams calls before committing a
 * task's offsets, runs a hook. The catalog processor uses it to write in-memory changes to its persistent
 * store, so that committed offsets never run ahead of stored state. It is added to the topology before the
 * catalog store, so that it is flushed first.
 */
final class CommitHookStore implements StateStore {
    private final String name;
    private volatile Runnable hook = () -> { };
    private boolean open;

    CommitHookStore(String name) {
        this.name = name;
    }

    void onFlush(Runnable hook) {
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
    static StoreBuilder<CommitHookStore> builder(String name) {
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

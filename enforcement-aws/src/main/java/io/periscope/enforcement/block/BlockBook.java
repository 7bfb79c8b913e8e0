package io.periscope.enforcement.block;

import io.periscope.enforcement.store.SharedTopic;
import io.periscope.events.enforcement.BlockKind;
import io.periscope.events.enforcement.BlockRecord;
import io.periscope.events.enforcement.BlockState;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The block records ({@code periscope.blocks}) as the enforcer and the API see them: the latest record per kind and
 * target. Every count the caps use is computed from these records, so caps and expiry survive restarts.
 */
public final class BlockBook {
    private final SharedTopic<BlockRecord> records;

    public BlockBook(SharedTopic<BlockRecord> records) {
        this.records = records;
    }

    /** Writes a record; serialised with {@link #update} so a reconcile result never overwrites a newer decision. */
    public synchronized void put(BlockRecord record) {
        records.put(record.key(), record);
    }

    /**
     * Applies {@code change} to the current record of {@code key} (whatever was decided meanwhile) and writes the
     * result when it differs. The reconciler reports what it did in AWS this way, as a delta on the latest record.
     */
    public synchronized void update(String key, UnaryOperator<BlockRecord> change) {
        Optional<BlockRecord> current = records.get(key);
        if (current.isEmpty()) {
            return;
        }
        BlockRecord next = change.apply(current.get());
        if (!next.equals(current.get())) {
            records.put(key, next);
        }
    }

    public Optional<BlockRecord> get(BlockKind kind, String target) {
        return records.get(BlockRecord.key(kind, target));
    }

    public Optional<BlockRecord> byId(String id) {
        return records.values().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public Collection<BlockRecord> all() {
        return records.values();
    }

    /** Newest first. */
    public List<BlockRecord> list() {
        return records.values().stream().sorted(Comparator.comparingLong(BlockRecord::createdAtMicros).reversed()
                .thenComparing(BlockRecord::id)).toList();
    }

    /** Automatic blocks decided since {@code sinceMicros}, refused ones excluded: what the hourly cap counts. */
    public long automaticSince(long sinceMicros) {
        return records.values().stream()
                .filter(r -> r.automatic() && r.state() != BlockState.REFUSED && r.createdAtMicros() >= sinceMicros)
                .count();
    }

    /** Blocks in force at {@code nowMicros} (dry-run ones included, so dry-run shows when a cap would bite). */
    public long inForce(long nowMicros) {
        return records.values().stream()
                .filter(r -> (r.state().wanted() || r.state() == BlockState.DRY_RUN) && !r.expiredAt(nowMicros))
                .count();
    }
}

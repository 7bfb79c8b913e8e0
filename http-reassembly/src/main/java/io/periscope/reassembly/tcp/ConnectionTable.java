package io.periscope.reassembly.tcp;

/**
 * One worker's connections by {@link FlowKey}, in access order: what a {@code LinkedHashMap} in access
 * order gave the tracker, without its entry objects. It was the tracker's hottest frame: every segment
 * looked up an entry, loaded it and then the connection, one cache miss more per packet on a table of
 * tens of thousands of connections.
 *
 * <p>An open-addressing table (linear probing, at most half full, deletion by backward shift, so no
 * tombstones) of the keys' hashes beside the connections; a probe compares the stored hash before it
 * touches a connection. The access order is a doubly linked list threaded through the connections
 * themselves ({@link TcpConnection#older}, {@link TcpConnection#newer}): {@link #eldest()} is the least
 * recently looked up or added, and the list is walked from there with {@link TcpConnection#newer}.
 *
 * <p>Invariants: a connection is in the list iff it is in the table; {@code size} counts both; no two
 * connections in the table have equal keys. Not thread-safe (one per worker).
 */
final class ConnectionTable {
    /** 2 048 slots: a worker's first thousand connections without a resize; doubled whenever half full. */
    private static final int INITIAL_CAPACITY = 2048;

    private int[] hashes = new int[INITIAL_CAPACITY];
    private TcpConnection[] slots = new TcpConnection[INITIAL_CAPACITY];
    private int mask = INITIAL_CAPACITY - 1;
    private int size;
    private TcpConnection eldest;
    private TcpConnection newest;

    int size() {
        return size;
    }

    /** The least recently accessed connection, or null when empty. */
    TcpConnection eldest() {
        return eldest;
    }

    /** The connection of {@code key}, made the most recently accessed; null when absent. */
    TcpConnection get(FlowKey key) {
        int h = key.hashCode();
        int[] hs = hashes;
        TcpConnection[] ss = slots;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            TcpConnection c = ss[i];
            if (c == null) {
                return null;
            }
            if (hs[i] == h && c.key().equals(key)) {
                if (c != newest) {
                    unlink(c);
                    append(c);
                }
                return c;
            }
        }
    }

    /** Adds a connection whose key is not in the table, as the most recently accessed. */
    void add(TcpConnection c) {
        if (size + 1 > slots.length >> 1) {
            resize(slots.length << 1);
        }
        insert(c.key().hashCode(), c);
        size++;
        append(c);
    }

    /** Removes this very connection (not another with an equal key); false when it is not in the table. */
    boolean remove(TcpConnection c) {
        int h = c.key().hashCode();
        for (int i = h & mask; ; i = (i + 1) & mask) {
            TcpConnection s = slots[i];
            if (s == null) {
                return false;
            }
            if (s == c) {
                deleteSlot(i);
                size--;
                unlink(c);
                return true;
            }
        }
    }

    private void insert(int h, TcpConnection c) {
        int i = h & mask;
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        hashes[i] = h;
        slots[i] = c;
    }

    /** Empties slot {@code i} and shifts back the entries of its probe run that may no longer be found. */
    private void deleteSlot(int i) {
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            TcpConnection s = slots[j];
            if (s == null) {
                break;
            }
            int home = hashes[j] & mask;
            // the entry at j stays if its home lies cyclically in (i, j]; otherwise it moves into the hole
            boolean stays = i <= j ? i < home && home <= j : i < home || home <= j;
            if (!stays) {
                slots[i] = s;
                hashes[i] = hashes[j];
                i = j;
            }
        }
        slots[i] = null;
        hashes[i] = 0;
    }

    private void resize(int capacity) {
        TcpConnection[] old = slots;
        int[] oldHashes = hashes;
        slots = new TcpConnection[capacity];
        hashes = new int[capacity];
        mask = capacity - 1;
        for (int i = 0; i < old.length; i++) {
            if (old[i] != null) {
                insert(oldHashes[i], old[i]);
            }
        }
    }

    private void append(TcpConnection c) {
        c.older = newest;
        c.newer = null;
        if (newest == null) {
            eldest = c;
        } else {
            newest.newer = c;
        }
        newest = c;
    }

    private void unlink(TcpConnection c) {
        TcpConnection o = c.older;
        TcpConnection n = c.newer;
        if (o == null) {
            eldest = n;
        } else {
            o.newer = n;
        }
        if (n == null) {
            newest = o;
        } else {
            n.older = o;
        }
        c.older = null;
        c.newer = null;
    }
}

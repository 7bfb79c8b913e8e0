package io.periscope.detection.principal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The link table that joins opaque credentials to their user: a successful sign-in names a login and issues a
 * token (a {@code RESPONSE} credential), so later requests presenting that token belong to the login's user even
 * though the token itself says nothing. JWTs and Basic carry their user and need no link.
 *
 * <p>Bounded: at most {@code maxLinks} links, the least recently used dropped first (an old session's token is
 * then keyed by itself, which splits an actor but never merges two). Links are learned and used on the partition
 * of the service that issued the token, which is where the token is presented again, so the table is partitioned
 * like the exchanges; {@link io.periscope.detection.streams.PrincipalProcessor} persists it in a changelogged store.
 * Not thread-safe: one table per stream task.
 */
public final class CredentialLinks {
    private final int maxLinks;
    private final LinkedHashMap<String, String> userByCredential;
    private long evicted;

    /** @param onEvict told of every credential dropped to stay within {@code maxLinks} (the store forgets it too) */
    public CredentialLinks(int maxLinks, Consumer<String> onEvict) {
        this.maxLinks = maxLinks;
        this.userByCredential = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                boolean full = size() > CredentialLinks.this.maxLinks;
                if (full) {
                    evicted++;
                    onEvict.accept(eldest.getKey());
                }
                return full;
            }
        };
    }

    /** Records that {@code credential} was issued to {@code user}; returns whether the link is new or changed. */
    public boolean link(String credential, String user) {
        return !user.equals(userByCredential.put(credential, user));
    }

    /** The user a credential was issued to, or null. */
    public String userOf(String credential) {
        return credential == null ? null : userByCredential.get(credential);
    }

    public int size() {
        return userByCredential.size();
    }

    public long evicted() {
        return evicted;
    }
}

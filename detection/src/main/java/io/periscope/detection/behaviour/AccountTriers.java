package io.periscope.detection.behaviour;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.util.ArrayList;
import java.util.List;

/**
 * The last few actors that tried one account on one sign-in endpoint ({@link AccountListLinks}). Invariants: at most
 * {@value #MAX_ACTORS} entries, one per actor, {@code actors[i]} tried it last at {@code times[i]}; a full list
 * replaces its oldest entry, so memory per account is fixed however many actors try it.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class AccountTriers {
    /** Enough to see an account list replayed from several addresses; a benign account has one or two triers. */
    static final int MAX_ACTORS = 4;

    List<String> actors = new ArrayList<>();
    List<Long> times = new ArrayList<>();

    /**
     * Records that {@code actor} tried the account at {@code timeMicros}. Returns the other actors that tried it since
     * {@code sinceMicros}, or null when {@code actor} had already tried it then (its shared accounts count once).
     */
    List<String> tried(String actor, long timeMicros, long sinceMicros) {
        List<String> others = new ArrayList<>(MAX_ACTORS);
        int mine = -1;
        int oldest = -1;
        for (int i = 0; i < actors.size(); i++) {
            if (actors.get(i).equals(actor)) {
                mine = i;
            } else if (times.get(i) >= sinceMicros) {
                others.add(actors.get(i));
            }
            if (oldest < 0 || times.get(i) < times.get(oldest)) {
                oldest = i;
            }
        }
        if (mine >= 0) {
            boolean again = times.get(mine) >= sinceMicros;
            times.set(mine, Math.max(times.get(mine), timeMicros));
            return again ? null : others;
        }
        if (actors.size() < MAX_ACTORS) {
            actors.add(actor);
            times.add(timeMicros);
        } else {
            actors.set(oldest, actor);
            times.set(oldest, timeMicros);
        }
        return others;
    }

    public long lastSeenMicros() {
        long last = Long.MIN_VALUE;
        for (long t : times) {
            last = Math.max(last, t);
        }
        return last;
    }
}

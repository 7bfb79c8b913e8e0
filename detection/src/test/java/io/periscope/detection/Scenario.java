package io.periscope.detection;

import io.periscope.events.http.HttpExchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Scripted traffic: benign users of a shop API and the attackers of the scenario. */
public final class Scenario {
    static final long SECOND = 1_000_000;

    private Scenario() {
    }

    /** Users who sign in once, then browse products and their own few orders, now and then hitting a 404. */
    public static List<HttpExchange> benignUsers(int users, long start, int seconds) {
        Random random = new Random(42);
        List<HttpExchange> out = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String ip = "192.0.2." + (10 + u);
            String user = "user" + u + "_" + start;
            String token = String.format("%032x", (long) u * 7919 + start);
            long t = start + random.nextInt(30) * SECOND;
            out.add(Traffic.from(ip).signIn(user, String.format("%032x", 5000L + u)).issues(token).at(t).build());
            int[] ownOrders = {u * 10 + 1, u * 10 + 2, u * 10 + 3};
            while (t < start + seconds * SECOND) {
                t += (2 + random.nextInt(20)) * SECOND;
                int pick = random.nextInt(10);
                Traffic req = Traffic.from(ip).token(token).at(t);
                if (pick < 5) {
                    req.get("/api/products?page=" + random.nextInt(5));
                } else if (pick < 8) {
                    req.get("/api/orders/" + ownOrders[random.nextInt(3)]);
                } else if (pick < 9) {
                    req.get("/api/products/" + (100 + random.nextInt(500)));
                } else {
                    req.get("/api/promo/" + random.nextInt(3)).status(404);
                }
                out.add(req.build());
            }
        }
        return out;
    }

    /** Signs in as itself, then walks order ids it does not own: mostly refused, some answered. */
    public static List<HttpExchange> bolaAttacker(String ip, String user, long start) {
        List<HttpExchange> out = new ArrayList<>();
        String token = "aa" + String.format("%030x", start);
        out.add(Traffic.from(ip).signIn(user, "ffff0000ffff0000ffff0000ffff0000").issues(token).at(start).build());
        long t = start + 5 * SECOND;
        for (int id = 1000; id < 1150; id++) {
            t += SECOND / 2;
            out.add(Traffic.from(ip).token(token).get("/api/orders/" + id).status(id % 4 == 0 ? 200 : 403).at(t).build());
        }
        return out;
    }

    /** Forty passwords against admin, then one password each for thirty other accounts. */
    public static List<HttpExchange> bruteForcer(String ip, long start) {
        List<HttpExchange> out = new ArrayList<>();
        long t = start;
        for (int i = 0; i < 40; i++) {
            t += SECOND;
            out.add(Traffic.from(ip).agent("python-requests/2.32").signIn("admin", String.format("%032x", 900L + i))
                    .status(401).at(t).build());
        }
        for (int i = 0; i < 30; i++) {
            t += SECOND;
            out.add(Traffic.from(ip).agent("python-requests/2.32").signIn("victim" + i, String.format("%032x", 1900L + i))
                    .status(401).at(t).build());
        }
        return out;
    }
}

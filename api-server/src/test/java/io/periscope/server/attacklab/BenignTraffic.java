package io.periscope.server.attacklab;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * The shop's ordinary life: {@value LabData#BENIGN_USERS} customers, each from an address of their own, who sign in
 * (a few mistype their password once), look at their profile, search the catalog, open products, read their own
 * orders and sometimes place one, at a person's pace, over several visits; one of them switches from home Wi-Fi to
 * the phone network halfway. Besides them, {@value #VISITORS} anonymous visitors browse the catalog. Seeded: the same
 * run every time, up to thread scheduling.
 */
final class BenignTraffic {
    static final int VISITORS = 12;
    /** The customer who moves between two networks (two addresses, one token): not token sharing. */
    static final int MOBILE_CUSTOMER = 7;
    private static final String[] SEARCHES = {"earl grey", "sencha", "matcha gift box", "O'Brien's favourite",
            "rooibos tin", "jasmine", "oolong 250 g", "chai & spice", "select a plan", "pu-erh", "darjeeling first flush",
            "glass teapot", "50% off", "kettle"};
    private static final String[] AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
            "TeaShop-iOS/5.2.1 (iPhone; iOS 17.4.1; Scale/3.00)",
            "TeaShop-Android/5.2.0 (Pixel 8; Android 14)"};

    private final String base;
    private final double pace;

    /**
     * @param pace multiplies every pause (1: a person's pace, about a quarter to three quarters of a second between
     *             clicks, a few seconds between visits)
     */
    BenignTraffic(String base, double pace) {
        this.base = base;
        this.pace = pace;
    }

    /** The mobile customer's second address (the phone network). */
    static final String MOBILE_ADDRESS = "192.0.2.200";

    static String customerAddress(int i) {
        return "192.0.2." + (10 + i);
    }

    static String visitorAddress(int i) {
        return "192.0.2." + (100 + i);
    }

    /** Who this traffic is made of. */
    static List<LabActor> actors() {
        List<LabActor> out = new ArrayList<>();
        for (int i = 0; i < LabData.CUSTOMERS.size(); i++) {
            LabAccount c = LabData.CUSTOMERS.get(i);
            List<String> addresses = i == MOBILE_CUSTOMER ? List.of(customerAddress(i), MOBILE_ADDRESS) : List.of(customerAddress(i));
            out.add(LabActor.benign("customer " + c.username(), addresses, List.of(c.id())));
        }
        for (int i = 0; i < VISITORS; i++) {
            out.add(LabActor.benign("visitor " + i, List.of(visitorAddress(i)), List.of()));
        }
        return out;
    }

    /** One task per person; run them concurrently. */
    List<Callable<Void>> people() {
        List<Callable<Void>> out = new ArrayList<>();
        for (int i = 0; i < LabData.CUSTOMERS.size(); i++) {
            int n = i;
            out.add(() -> {
                customer(n);
                return null;
            });
        }
        for (int i = 0; i < VISITORS; i++) {
            int n = i;
            out.add(() -> {
                visitor(n);
                return null;
            });
        }
        return out;
    }

    private void customer(int i) throws IOException, InterruptedException {
        LabAccount account = LabData.CUSTOMERS.get(i);
        Random random = new Random(1000 + i);
        LabClient client = new LabClient(base, customerAddress(i), AGENTS[i % AGENTS.length]);
        List<Long> own = ownOrders(account);
        int visits = 2 + random.nextInt(2);
        for (int visit = 0; visit < visits; visit++) {
            if (visit > 0) {
                pause(random, 2_000, 4_000);
            }
            if (i == MOBILE_CUSTOMER && visit == visits - 1) {
                client.moveTo(MOBILE_ADDRESS, AGENTS[3]);
            }
            if (random.nextInt(8) == 0) {
                client.signIn(account.username(), account.password() + "x"); // a typo, corrected at once
                pause(random, 1_500, 3_000);
            }
            String token = client.signIn(account.username(), account.password());
            pause(random, 250, 700);
            client.get("/api/v1/me", token);
            browse(client, random, token);
            client.get("/api/v1/orders", token);
            pause(random, 250, 700);
            for (int k = random.nextInt(3); k >= 0; k--) {
                client.get("/api/v1/orders/" + own.get(random.nextInt(own.size())), token);
                pause(random, 250, 700);
            }
            if (random.nextInt(3) == 0) {
                LabClient.Reply placed = client.postJson("/api/v1/orders", token,
                        Map.of("productId", 1 + random.nextInt(LabData.PRODUCTS), "quantity", 1 + random.nextInt(3)));
                if (placed.status() == 201) {
                    own.add(placed.json().path("id").asLong());
                }
                pause(random, 250, 700);
            }
        }
    }

    private void visitor(int i) throws IOException, InterruptedException {
        Random random = new Random(5000 + i);
        LabClient client = new LabClient(base, visitorAddress(i), AGENTS[(i + 2) % AGENTS.length]);
        for (int visit = 0; visit < 2; visit++) {
            pause(random, 1_000, 4_000);
            client.get("/api/v1/products?page=" + (1 + random.nextInt(3)), null);
            pause(random, 250, 700);
            browse(client, random, null);
        }
    }

    /** A search, maybe its second page, and a few product pages from the results. */
    private void browse(LabClient client, Random random, String token) throws IOException, InterruptedException {
        String q = SEARCHES[random.nextInt(SEARCHES.length)];
        String search = "/api/v1/products?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
        LabClient.Reply results = client.get(search, token);
        pause(random, 250, 700);
        if (random.nextBoolean()) {
            client.get(search + "&page=2", token);
            pause(random, 250, 700);
        }
        var items = results.json().path("items");
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
            int id = items.size() > 0 ? items.get(random.nextInt(items.size())).path("id").asInt() : 1 + random.nextInt(LabData.PRODUCTS);
            client.get("/api/v1/products/" + id, token);
            pause(random, 250, 700);
        }
    }

    private static List<Long> ownOrders(LabAccount account) {
        List<Long> out = new ArrayList<>();
        LabData.orders().forEach((id, owner) -> {
            if (owner.equals(account.id())) {
                out.add(id);
            }
        });
        return out;
    }

    private void pause(Random random, int minMillis, int maxMillis) throws InterruptedException {
        Thread.sleep(Math.round((minMillis + random.nextInt(maxMillis - minMillis)) * pace));
    }
}

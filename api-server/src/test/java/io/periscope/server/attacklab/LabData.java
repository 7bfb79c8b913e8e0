package io.periscope.server.attacklab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab API's fictional data, the same on every run: {@value #BENIGN_USERS} ordinary customers, three accounts the
 * attackers use or crack, a catalog of {@value #PRODUCTS} teas and tea ware, and {@value #ORDERS_PER_USER} orders per
 * customer whose ids interleave across customers (so neighbouring ids belong to different people, as in any shop).
 */
final class LabData {
    static final int BENIGN_USERS = 40;
    static final int PRODUCTS = 7_800;
    static final int ORDERS_PER_USER = 3;
    static final long FIRST_ORDER = 200_001;

    private static final String[] FIRST = {"Ada", "Bruno", "Chiara", "Dario", "Elif", "Farid", "Greta", "Hiro", "Ines",
            "Jonas", "Kaia", "Luca", "Mira", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tilda"};
    private static final String[] LAST = {"Example", "Sample", "Demo", "Placeholder"};
    private static final String[] KINDS = {"Earl Grey", "Sencha", "Darjeeling", "Assam", "Oolong", "Rooibos", "Matcha",
            "Chai", "Jasmine", "Pu-erh", "Genmaicha", "Lapsang"};
    private static final String[] WARE = {"tin 100 g", "loose 250 g", "bags x20", "gift box", "stoneware mug",
            "glass teapot", "cast iron kettle", "bamboo whisk", "travel infuser", "tasting set"};

    /** The customers: they only ever do what customers do. */
    static final List<LabAccount> CUSTOMERS = customers();
    /** Signs in legitimately, then reads other customers' orders by id. */
    static final LabAccount MALLORY = new LabAccount("1901", "mallory.example", "Ca5tle-Gate!2026", "Mallory Example");
    /** A team account whose token was leaked and is used from several places at once. */
    static final LabAccount SHARED = new LabAccount("1902", "ops.shared", "0ps-Dashboard-2026!", "Ops Shared");
    /** A forgotten account with a weak password, which the password guesser cracks. */
    static final LabAccount INTERN = new LabAccount("1903", "intern", "summer2024", "Intern Example");

    private LabData() {
    }

    private static List<LabAccount> customers() {
        List<LabAccount> out = new ArrayList<>();
        for (int i = 0; i < BENIGN_USERS; i++) {
            String first = FIRST[i % FIRST.length];
            String last = LAST[i / FIRST.length % LAST.length];
            out.add(new LabAccount(String.valueOf(1001 + i), (first + "." + last).toLowerCase(java.util.Locale.ROOT),
                    "Leaf-" + Integer.toHexString(0x5eed + i * 7919) + "-Cup", first + " " + last));
        }
        return List.copyOf(out);
    }

    static List<LabAccount> accounts() {
        List<LabAccount> all = new ArrayList<>(CUSTOMERS);
        all.addAll(List.of(MALLORY, SHARED, INTERN));
        return all;
    }

    static String productName(int id) {
        return KINDS[id % KINDS.length] + " " + WARE[id / KINDS.length % WARE.length] + " no. " + id;
    }

    static double productPrice(int id) {
        return 3.5 + (id * 37 % 900) / 10.0;
    }

    /** Order id → owner id; the ids of all customers' orders interleave. */
    static Map<Long, String> orders() {
        Map<Long, String> out = new LinkedHashMap<>();
        long id = FIRST_ORDER;
        for (int round = 0; round < ORDERS_PER_USER; round++) {
            for (LabAccount c : CUSTOMERS) {
                out.put(id++, c.id());
            }
        }
        return out;
    }
}

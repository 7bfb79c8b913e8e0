package io.periscope.discovery.testing;

import io.periscope.events.http.HttpExchange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Realistic traffic of a small banking REST API ({@value #HOST}): 21 real operations with identifiers in their
 * paths, query parameters and JSON bodies carrying e-mail addresses, IBANs, card numbers and phone numbers, mixed
 * with a content-discovery scan (hundreds of wordlist paths that only ever answer 404 or 405) and path-traversal
 * attempts, the whole shuffled with a fixed seed. Every operation knows its template and the sensitive types its
 * messages carry: the ground truth of {@code CatalogQualityTest}.
 *
 * <p>Bodies stay realistic and under 16 KiB: the recall of the sensitive-data scanner on very large bodies is the
 * concern of the http-reassembly/sensitive-data work, not of this measure of the catalog.
 */
public final class LedgerApiTraffic {
    public static final String HOST = "api.acmeledger.example";
    public static final String SCANNER = "203.0.113.66";
    private static final String[] PHONES = {"+14155552671", "+442071838750", "+33142685300", "+4930901820"};
    private static final String[] NAMES = {"Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov"};

    /** One real operation: its method and template, the sensitive types it carries, and how to make a call of it. */
    public record Operation(String method, String template, Set<String> sensitiveTypes, Function<Random, ExchangeBuilder> call) {
        /** The template with parameter names blanked, as the catalog identifies endpoints. */
        public String normalized() {
            return method + " " + template.replaceAll("\\{[^}/]*}", "{}");
        }
    }

    private final Random random = new Random(20261203L);
    private final List<Operation> operations = new ArrayList<>();
    private final Set<String> noisePaths = new LinkedHashSet<>();

    public LedgerApiTraffic() {
        op("GET", "/api/v1/customers", Set.of("email", "phone"), r -> get("/api/v1/customers?page=" + (1 + r.nextInt(5)) + "&size=20")
                .respondJson(list(r, 3, this::customer)));
        op("GET", "/api/v1/customers/{customerId}", Set.of("email", "phone", "iban"), r -> get("/api/v1/customers/" + id(r))
                .respondJson(customerWithAccount(r)));
        op("POST", "/api/v1/customers", Set.of("email", "phone"), r -> ExchangeBuilder.request("POST", "/api/v1/customers")
                .jsonBody("{\"name\":\"" + name(r) + "\",\"email\":\"" + email(r) + "\",\"phone\":\"" + phone(r) + "\"}")
                .status(201).respondJson("{\"id\":" + id(r) + ",\"status\":\"active\"}"));
        op("PUT", "/api/v1/customers/{customerId}", Set.of("email"), r -> ExchangeBuilder.request("PUT", "/api/v1/customers/" + id(r))
                .jsonBody("{\"email\":\"" + email(r) + "\",\"newsletter\":" + r.nextBoolean() + "}")
                .respondJson("{\"id\":" + id(r) + ",\"updated\":true}"));
        op("DELETE", "/api/v1/customers/{customerId}", Set.of(), r -> ExchangeBuilder.request("DELETE", "/api/v1/customers/" + id(r))
                .status(r.nextInt(4) == 0 ? 403 : 204));
        op("GET", "/api/v1/customers/{customerId}/accounts", Set.of("iban"), r -> get("/api/v1/customers/" + id(r) + "/accounts")
                .respondJson(list(r, 2, this::account)));
        op("GET", "/api/v1/accounts/{accountId}", Set.of("iban"), r -> get("/api/v1/accounts/" + uuid(r)).respondJson(account(r)));
        op("GET", "/api/v1/accounts/{accountId}/transactions", Set.of("iban"), r -> get("/api/v1/accounts/" + uuid(r)
                + "/transactions?from=2026-01-01&to=2026-03-31&limit=" + (10 + r.nextInt(40)))
                .respondJson(list(r, 4 + r.nextInt(20), this::transaction)));
        op("POST", "/api/v1/payments", Set.of("payment_card"), r -> ExchangeBuilder.request("POST", "/api/v1/payments")
                .jsonBody("{\"amount\":" + amount(r) + ",\"currency\":\"EUR\",\"card\":{\"number\":\"" + card(r) + "\",\"holder\":\""
                        + name(r) + "\"}}")
                .status(201).respondJson("{\"paymentId\":\"" + uuid(r) + "\",\"status\":\"authorised\"}"));
        op("GET", "/api/v1/payments/{paymentId}", Set.of("payment_card"), r -> get("/api/v1/payments/" + uuid(r))
                .respondJson("{\"paymentId\":\"" + uuid(r) + "\",\"amount\":" + amount(r) + ",\"currency\":\"EUR\",\"cardNumber\":\""
                        + card(r) + "\",\"status\":\"settled\"}"));
        op("GET", "/api/v1/orders", Set.of(), r -> get("/api/v1/orders?status=" + (r.nextBoolean() ? "open" : "shipped") + "&page=" + r.nextInt(9))
                .respondJson(list(r, 3, x -> "{\"orderId\":" + id(x) + ",\"total\":" + amount(x) + ",\"status\":\"open\"}")));
        op("GET", "/api/v1/orders/{orderId}", Set.of("email"), r -> get("/api/v1/orders/" + id(r))
                .respondJson("{\"orderId\":" + id(r) + ",\"total\":" + amount(r) + ",\"contact\":{\"email\":\"" + email(r) + "\"},"
                        + "\"lines\":[{\"productId\":" + id(r) + ",\"quantity\":2}]}"));
        op("POST", "/api/v1/orders", Set.of("email", "phone"), r -> ExchangeBuilder.request("POST", "/api/v1/orders")
                .jsonBody("{\"lines\":[{\"productId\":" + id(r) + ",\"quantity\":" + (1 + r.nextInt(3)) + "}],\"contact\":{\"email\":\""
                        + email(r) + "\",\"phone\":\"" + phone(r) + "\"}}")
                .status(201).respondJson("{\"orderId\":" + id(r) + "}"));
        op("GET", "/api/v1/products", Set.of(), r -> get("/api/v1/products?category=" + (r.nextBoolean() ? "lamps" : "desks") + "&q=oak")
                .respondJson(list(r, 5, x -> "{\"productId\":" + id(x) + ",\"title\":\"Oak desk\",\"price\":" + amount(x) + "}")));
        op("GET", "/api/v1/products/{productId}", Set.of(), r -> get("/api/v1/products/" + id(r))
                .respondJson("{\"productId\":" + id(r) + ",\"title\":\"Desk lamp\",\"price\":" + amount(r) + ",\"stock\":" + r.nextInt(90) + "}"));
        op("GET", "/api/v1/invoices/{invoiceId}", Set.of("iban", "email"), r -> get("/api/v1/invoices/" + id(r))
                .respondJson("{\"invoiceId\":" + id(r) + ",\"amount\":" + amount(r) + ",\"payTo\":{\"iban\":\"" + iban(r)
                        + "\",\"name\":\"Acme Ledger Ltd\"},\"billingEmail\":\"" + email(r) + "\"}"));
        op("GET", "/api/v1/invoices/{invoiceId}/pdf", Set.of(), r -> get("/api/v1/invoices/" + id(r) + "/pdf")
                .respond("application/pdf", "%PDF-1.7 binary invoice"));
        op("GET", "/api/v1/users/{userId}/profile", Set.of("email", "phone"), r -> get("/api/v1/users/" + id(r) + "/profile")
                .respondJson("{\"userId\":" + id(r) + ",\"displayName\":\"" + name(r) + "\",\"email\":\"" + email(r) + "\",\"mobile\":\""
                        + phone(r) + "\"}"));
        op("PATCH", "/api/v1/users/{userId}/settings", Set.of(), r -> ExchangeBuilder.request("PATCH", "/api/v1/users/" + id(r) + "/settings")
                .jsonBody("{\"locale\":\"en-GB\",\"newsletter\":" + r.nextBoolean() + "}").respondJson("{\"saved\":true}"));
        op("GET", "/api/v1/health", Set.of(), r -> get("/api/v1/health").respondJson("{\"status\":\"ok\"}"));
        // exists, but no call seen was ever allowed through: stays in the catalog, flagged never succeeded
        op("GET", "/api/v1/admin/audit-log", Set.of(), r -> get("/api/v1/admin/audit-log?limit=50").status(r.nextBoolean() ? 401 : 403)
                .respondJson("{\"error\":\"forbidden\"}"));
    }

    private void op(String method, String template, Set<String> types, Function<Random, ExchangeBuilder> call) {
        operations.add(new Operation(method, template, types, call));
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    /** The distinct "METHOD path" the scanner probed (after {@link #exchanges}). */
    public Set<String> noisePaths() {
        return Collections.unmodifiableSet(noisePaths);
    }

    /**
     * {@code callsPerOperation} calls of each operation from a handful of clients, the scanner's wordlist and the
     * traversal attempts, shuffled; times increase by one millisecond per exchange.
     */
    public List<HttpExchange> exchanges(int callsPerOperation, long startMicros) {
        List<ExchangeBuilder> all = new ArrayList<>();
        for (Operation op : operations) {
            for (int i = 0; i < callsPerOperation; i++) {
                all.add(op.call().apply(random).client("198.51.100." + (10 + random.nextInt(6))));
            }
        }
        String[] dirs = {"", "/admin", "/api", "/api/v1", "/backup", "/old", "/static", "/uploads", "/wp-content", "/cgi-bin"};
        String[] files = {".env", ".env.local", ".git/config", ".git/HEAD", ".svn/entries", ".DS_Store", "config.php", "config.json",
            "wp-config.php.bak", "web.config", "phpinfo.php", "info.php", "test.php", "admin.php", "login.php", "shell.php",
            "backup.zip", "backup.tar.gz", "db.sql", "dump.sql", "database.sqlite", "server-status", "id_rsa", "credentials.json",
            "docker-compose.yml", "settings.py", "app.log", "debug.log", "swagger.json", "actuator/env"};
        for (String dir : dirs) {
            for (String file : files) {
                String path = dir + "/" + file;
                noisePaths.add("GET " + path);
                all.add(get(path).status(404).respondJson("{\"error\":\"not found\"}").client(SCANNER));
            }
        }
        // probes of the API's own prefix, and writes to paths that exist for reading only
        for (String path : new String[] {"/api/v1/customers/export", "/api/v1/internal/metrics", "/api/v2/customers", "/api/v1/debug"}) {
            noisePaths.add("GET " + path);
            all.add(get(path).status(404).client(SCANNER));
        }
        for (String path : new String[] {"/api/v1/health", "/api/v1/products"}) {
            noisePaths.add("DELETE " + path);
            all.add(ExchangeBuilder.request("DELETE", path).status(405).client(SCANNER));
        }
        for (String path : new String[] {"/api/v1/../../../etc/passwd", "/static/../../../etc/shadow", "/%2e%2e/%2e%2e/windows/win.ini",
            "/api/v1/customers/../../../../proc/self/environ"}) {
            all.add(get(path).status(400).client(SCANNER));
        }
        Collections.shuffle(all, random);
        List<HttpExchange> out = new ArrayList<>(all.size());
        long at = startMicros;
        for (ExchangeBuilder b : all) {
            out.add(b.host(HOST).session("mirror-1").at(at).build());
            at += 1000;
        }
        return out;
    }

    private static ExchangeBuilder get(String target) {
        return ExchangeBuilder.request("GET", target);
    }

    private static String list(Random r, int n, Function<Random, String> item) {
        StringBuilder sb = new StringBuilder("{\"items\":[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(item.apply(r));
        }
        return sb.append("],\"total\":").append(n).append('}').toString();
    }

    private String customer(Random r) {
        return "{\"id\":" + id(r) + ",\"name\":\"" + name(r) + "\",\"email\":\"" + email(r) + "\",\"phone\":\"" + phone(r) + "\"}";
    }

    private String customerWithAccount(Random r) {
        return "{\"id\":" + id(r) + ",\"name\":\"" + name(r) + "\",\"email\":\"" + email(r) + "\",\"phone\":\"" + phone(r)
                + "\",\"primaryAccount\":{\"iban\":\"" + iban(r) + "\",\"currency\":\"EUR\"},\"createdAt\":\"2025-11-02T09:14:00Z\"}";
    }

    private String account(Random r) {
        return "{\"accountId\":\"" + uuid(r) + "\",\"iban\":\"" + iban(r) + "\",\"currency\":\"EUR\",\"balance\":" + amount(r) + "}";
    }

    private String transaction(Random r) {
        return "{\"transactionId\":\"" + uuid(r) + "\",\"amount\":-" + amount(r) + ",\"counterparty\":{\"name\":\"" + name(r)
                + "\",\"iban\":\"" + iban(r) + "\"},\"bookedAt\":\"2026-02-0" + (1 + r.nextInt(9)) + "T10:00:00Z\",\"reference\":\"Invoice "
                + id(r) + "\"}";
    }

    private static int id(Random r) {
        return 1000 + r.nextInt(90_000);
    }

    private static String uuid(Random r) {
        return new UUID(r.nextLong(), r.nextLong()).toString();
    }

    private static String amount(Random r) {
        return (1 + r.nextInt(5000)) + "." + (10 + r.nextInt(90));
    }

    private static String name(Random r) {
        return NAMES[r.nextInt(NAMES.length)];
    }

    private static String email(Random r) {
        return name(r).toLowerCase().replace(' ', '.') + (r.nextInt(900) + 100) + "@example.org";
    }

    private static String phone(Random r) {
        return PHONES[r.nextInt(PHONES.length)];
    }

    /** A German IBAN with valid ISO 13616 check digits (mod 97). */
    static String iban(Random r) {
        StringBuilder bban = new StringBuilder();
        for (int i = 0; i < 18; i++) {
            bban.append(r.nextInt(10));
        }
        // country code DE -> 13 14, check digits 00 moved to the end
        int check = 98 - new BigInteger(bban + "131400").mod(BigInteger.valueOf(97)).intValue();
        return "DE" + (check < 10 ? "0" : "") + check + bban;
    }

    /** A 16-digit Visa-like number with a valid Luhn check digit. */
    static String card(Random r) {
        int[] d = new int[16];
        d[0] = 4;
        for (int i = 1; i < 15; i++) {
            d[i] = r.nextInt(10);
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int v = d[i];
            // doubling every second digit from the right, counting the check digit as the first
            if ((15 - i) % 2 == 1) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        d[15] = (10 - sum % 10) % 10;
        StringBuilder sb = new StringBuilder();
        for (int v : d) {
            sb.append(v);
        }
        return sb.toString();
    }
}

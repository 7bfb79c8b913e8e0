package io.periscope.detection.signature.quality;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Parameter values of ordinary REST traffic, generated reproducibly (fixed seed): JSON documents, JWTs, base64,
 * e-mail addresses, UUIDs, dates, URLs to the API's own host, search strings and prose with the words and
 * punctuation that naive signatures trip on ({@code select a plan}, {@code O'Brien}, {@code 1=1 match},
 * {@code Tom & Jerry; cats | dogs}, prices in dollars, Mustache placeholders), user agents and Accept headers.
 */
final class GeneratedBenignValues {
    private static final String[] FIRST = {"Alice", "Bob", "Carol", "Dan", "Eve", "Frank", "Grace", "Heidi", "Ivan",
            "Judy", "Mallory", "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter", "Zoe"};
    private static final String[] LAST = {"O'Brien", "Smith", "D'Angelo", "Müller", "García", "Nguyen", "Kowalski",
            "Van der Berg", "MacLeod", "Øster"};
    private static final String[] PROSE = {
            "Please select a plan that fits your team",
            "Tom & Jerry; cats | dogs",
            "1=1 match found in the final round",
            "Drop me a line when you're back, thanks!",
            "The union of two sets is a set",
            "Order #1234 shipped via UPS (tracking soon)",
            "Costs $10 - $20 per month, cancel anytime",
            "Hello {{name}}, your order is ready",
            "Is 5 * 3 = 15? Yes; and 10 / 2 = 5",
            "Where is the nearest station?",
            "rock & roll, salt & pepper, R&D, AT&T",
            "She said: \"it's fine\" -- and left",
            "Update: sleep schedule is 11pm - 7am",
            "cat food, dog toys & bird seed",
            "Copy the file to the shared folder before Monday",
            "Run the tests, then echo the results in the channel",
            "Our office is at 10 Downing Street, London",
            "Meeting notes: ping Anna about the budget; type up the minutes",
            "Type your message here...",
            "C# and F# are .NET languages",
            "email me at first.last+tag@example.co.uk",
            "100% cotton, machine washable at 40°C",
            "Use the <b>bold</b> tag sparingly",
            "What's the difference between a and b?",
            "Q&A session at 3pm",
            "see https://api.example.com/docs for details",
            "Profit margin > 20% & growth < 5%",
            "Alice's résumé (2024).pdf",
            "from 1 to 10 -- inclusive",
            "Is it OR or AND? Depends on the filter",
    };
    private static final String[] AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
            "okhttp/4.12.0", "python-requests/2.31.0", "curl/8.4.0", "PostmanRuntime/7.36.0",
            "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
            "Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8 Build/UD1A.230803.041)"};
    private static final String[] ACCEPT = {
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
            "application/json, text/plain, */*", "*/*", "application/vnd.api+json", "gzip, deflate, br",
            "en-US,en;q=0.9,de;q=0.8", "no-cache", "max-age=0", "keep-alive"};

    private GeneratedBenignValues() {
    }

    static List<String> generate(int count, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(count);
        while (out.size() < count) {
            out.add(switch (out.size() % 12) {
                case 0 -> json(r);
                case 1 -> jwt(r);
                case 2 -> Base64.getEncoder().encodeToString(bytes(r, 12 + r.nextInt(60)));
                case 3 -> email(r);
                case 4 -> "https://api.example.com/v1/" + pick(r, "users", "orders", "items", "search") + "/"
                        + r.nextInt(100000) + "?page=" + r.nextInt(20) + "&sort=" + pick(r, "asc", "desc");
                case 5 -> PROSE[r.nextInt(PROSE.length)] + (r.nextBoolean() ? "" : " " + FIRST[r.nextInt(FIRST.length)]);
                case 6 -> java.util.UUID.nameUUIDFromBytes(bytes(r, 16)).toString();
                case 7 -> AGENTS[r.nextInt(AGENTS.length)];
                case 8 -> ACCEPT[r.nextInt(ACCEPT.length)];
                case 9 -> FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)];
                case 10 -> "2024-" + (1 + r.nextInt(12)) + "-" + (1 + r.nextInt(28)) + "T10:" + r.nextInt(60) + ":00Z";
                default -> "/account/" + pick(r, "settings", "billing", "profile") + "?tab=" + pick(r, "a", "b", "c");
            });
        }
        return out;
    }

    private static String json(Random r) {
        String name = FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)];
        return "{\"user\":{\"id\":" + r.nextInt(100000) + ",\"name\":\"" + name.replace("\"", "\\\"") + "\",\"email\":\""
                + email(r) + "\",\"roles\":[\"viewer\",\"editor\"]},\"items\":[{\"sku\":\"X-" + r.nextInt(999)
                + "\",\"qty\":" + r.nextInt(9) + ",\"price\":" + r.nextInt(500) + ".99}],\"note\":\""
                + PROSE[r.nextInt(PROSE.length)].replace("\"", "\\\"") + "\",\"filter\":{\"status\":\"open\",\"since\":\"2024-01-01\"}}";
    }

    private static String jwt(Random r) {
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        String header = enc.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8));
        String claims = enc.encodeToString(("{\"sub\":\"user-" + r.nextInt(100000) + "\",\"iat\":1700000000,\"scope\":\"read write\"}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + enc.encodeToString(bytes(r, 64));
    }

    private static String email(Random r) {
        return FIRST[r.nextInt(FIRST.length)].toLowerCase() + "." + r.nextInt(1000) + "@" + pick(r, "example.com", "mail.example.org", "corp.example.net");
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }
}

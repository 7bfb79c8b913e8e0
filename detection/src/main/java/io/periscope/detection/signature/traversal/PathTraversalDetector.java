package io.periscope.detection.signature.traversal;

import io.periscope.detection.signature.AttackClass;
import io.periscope.detection.signature.CharMask;
import io.periscope.detection.signature.Evidence;
import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.KeywordSet;
import io.periscope.detection.signature.LocationKind;
import io.periscope.detection.signature.Match;
import io.periscope.detection.signature.ValueDetector;
import io.periscope.detection.signature.ValueScan;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Path traversal and local file inclusion: a value that climbs out of a directory ({@code ..} as a whole path segment,
 * with {@code /} or {@code \} or their look-alikes as separators), names a file that only an attacker asks a web
 * application for ({@code /etc/passwd}, {@code win.ini}, {@code /proc/self/...}), uses a stream wrapper that reads
 * files ({@code php://filter}, {@code file://}), or truncates a file name with a NUL byte.
 *
 * <p>One pass over the value normalises separators; a second pass (Aho–Corasick) finds the file names and wrappers.
 * Both are linear in the value's length.
 */
public final class PathTraversalDetector implements ValueDetector {

    /**
     * System files and directories worth reading on a server, outside any web root; matched after separators are
     * normalised to {@code /}. Asking for one anywhere, the request path included, means escaping the web root.
     */
    private static final List<String> SYSTEM_FILE_NAMES = List.of(
            "etc/passwd", "etc/shadow", "etc/group", "etc/hosts", "etc/issue", "etc/motd", "etc/master.passwd",
            "etc/httpd/", "etc/apache2/", "etc/nginx/", "etc/mysql/", "etc/ssh/", "etc/sudoers",
            "proc/self/", "proc/version", "proc/cmdline", "proc/net/", "proc/sched_debug",
            "win.ini", "boot.ini", "system.ini", "windows/system32", "winnt/system32", "system32/drivers/etc",
            "inetpub/", "autoexec.bat", "var/log/apache", "var/log/nginx", "var/log/httpd",
            "/usr/local/apache", "/var/www/");
    /**
     * In a parameter: system files and the web root's own secrets ({@link WebRootSecrets}: {@code .htaccess},
     * {@code /.env}, {@code wp-config.php}), which a file-inclusion parameter reads.
     */
    private static final List<String> SENSITIVE_FILE_NAMES = Stream.concat(SYSTEM_FILE_NAMES.stream(),
            WebRootSecrets.INCLUDED_IN_PARAMETERS.stream()).toList();
    private static final KeywordSet SENSITIVE_FILES = new KeywordSet(SENSITIVE_FILE_NAMES);
    /**
     * In a request path: system files only. {@code GET /.env} climbs nowhere; it is a secret-file probe, which the
     * behavioural reconnaissance detector reports ({@link WebRootSecrets}).
     */
    private static final KeywordSet SYSTEM_FILES = new KeywordSet(SYSTEM_FILE_NAMES);

    /** Names unique enough to count anywhere in a value, even where the separators before them were lost. */
    private static final List<String> DISTINCT_FILE_NAMES = List.of("win.ini", "boot.ini", "web-inf", "global.asa",
            "inetpub", "etc/passwd", "etc/shadow");
    private static final KeywordSet DISTINCT_FILES = new KeywordSet(DISTINCT_FILE_NAMES);
    /** {@link #DISTINCT_FILE_NAMES} without the web root's own {@code WEB-INF}: for request paths. */
    private static final KeywordSet DISTINCT_SYSTEM_FILES = new KeywordSet(DISTINCT_FILE_NAMES.stream()
            .filter(f -> !f.equals("web-inf")).toList());
    /**
     * Characters of a value that {@link #mayMatch} may skip: nothing here separates or encodes, and without a separator
     * a run of dots is no climb.
     */
    private static final CharMask PLAIN = CharMask.ALPHANUMERIC.or(CharMask.of(" _-."));
    /**
     * What a {@link #PLAIN} value can still match by: {@code 0x} (C-style encoded separators), a run of four dots at its
     * start ({@link #dotRunAfterSeparator}), and every file name without a slash ({@code win.ini}, {@code .htaccess},
     * {@code inetpub}).
     */
    private static final KeywordSet BARE_TRIGGERS = new KeywordSet(Stream.of(Stream.of("0x", "...."),
            SENSITIVE_FILE_NAMES.stream(), DISTINCT_FILE_NAMES.stream()).flatMap(names -> names)
            .filter(f -> f.indexOf('/') < 0).distinct().toList());
    /** Server logs an attacker includes after poisoning them (log-poisoning LFI). */
    private static final KeywordSet LOGS = new KeywordSet("/access_log", "/access.log", "/error_log", "/error.log",
            "/logs/", "/log/httpd", "/log/apache", "/log/nginx");
    /**
     * System directories: a value that is an absolute path into one of them names a file on the server, which no
     * client of a web API has reason to send.
     */
    private static final List<String> SYSTEM_ROOTS = List.of("/etc/", "/proc/", "/var/log/", "/boot/", "/root/",
            "/usr/local/", "/var/lib/", "/var/www/", "/opt/lampp/", "/dev/", "/sys/", "/windows/", "/winnt/",
            "/program files", "/inetpub/", "/system32/", "/xampp/", "/wamp/", "/appserv/");

    /** Stream wrappers that read local files or run code (PHP, Java). */
    private static final KeywordSet WRAPPERS = new KeywordSet(
            "php://filter", "php://input", "php://fd", "phar://", "zip://", "expect://", "data://text", "glob://",
            "file://", "file:/", "jar:file:");

    @Override
    public AttackClass attackClass() {
        return AttackClass.PATH_TRAVERSAL;
    }

    /**
     * Without a separator, percent sign, colon, question mark, control or non-ASCII character, a value can only match
     * by a file name without a slash ({@code win.ini}, {@code inetpub}), C-style encoded separators
     * ({@code etc0x2fpasswd}) or a leading run of dots.
     */
    @Override
    public boolean mayMatch(ValueScan scan) {
        return !scan.only(PLAIN) || BARE_TRIGGERS.containsAny(scan.value());
    }

    @Override
    public Optional<Match> inspect(String value, InputLocation location) {
        if (value.length() < 3) {
            return Optional.empty();
        }
        String normalised = normaliseSeparators(value);
        String path = EncodedSeparators.decode(normalised);
        // evidence from the value itself where positions still correspond, else from what it decodes to
        String shown = path.length() == value.length() ? value : path;
        KeywordSet.Hit wrapper = WRAPPERS.first(path);
        if (wrapper != null) {
            return match(0.9, "lfi.wrapper", shown, wrapper.start());
        }
        int climbs = 0;
        int firstClimb = -1;
        int n = path.length();
        for (int i = 0; i < n; i++) {
            if (path.charAt(i) != '.') {
                continue;
            }
            int j = i;
            while (j < n && path.charAt(j) == '.') {
                j++;
            }
            if (j - i >= 2 && climb(path, i, j)) {
                climbs++;
                if (firstClimb < 0) {
                    firstClimb = i;
                }
            }
            i = j;
        }
        // a request path names a resource of the site: its own secret files there are probed, not climbed to
        boolean requestPath = location.kind() == LocationKind.PATH_SEGMENT;
        KeywordSet.Hit file = (requestPath && climbs == 0 ? SYSTEM_FILES : SENSITIVE_FILES).first(path);
        boolean nul = path.indexOf('\0') >= 0;
        if (climbs > 0 && file != null) {
            return match(0.97, "traversal.sensitive-file", shown, firstClimb);
        }
        if (climbs >= 2) {
            return match(0.9, "traversal.dot-dot", shown, firstClimb);
        }
        if (file != null && absoluteOrRelativeFile(path, file)) {
            return match(0.85, "lfi.sensitive-file", shown, file.start());
        }
        KeywordSet.Hit distinct = (requestPath ? DISTINCT_SYSTEM_FILES : DISTINCT_FILES).first(path);
        if (distinct != null) {
            return match(0.75, "lfi.sensitive-file", shown, distinct.start());
        }
        int root = systemRoot(path);
        if (root >= 0) {
            return match(0.75, "lfi.absolute-path", shown, root);
        }
        KeywordSet.Hit log = LOGS.first(path);
        if (log != null && (path.startsWith("/") || climbs > 0 || path.indexOf(':') == 1)) {
            return match(0.7, "lfi.log-file", shown, log.start());
        }
        if (climbs == 1 && nul) {
            // one "../" alone may be a relative link ("../images/logo.png"); with a NUL that truncates a suffix it is not
            return match(0.9, "traversal.null-byte", shown, firstClimb);
        }
        if (climbs == 1 && leadingClimb(path, firstClimb) && !webAsset(path)) {
            return match(0.6, "traversal.dot-dot", shown, firstClimb);
        }
        int dots = dotRunAfterSeparator(path);
        if (dots >= 0) {
            return match(0.7, "traversal.dot-run", shown, dots);
        }
        if (nul && file != null) {
            return match(0.85, "lfi.null-byte", shown, file.start());
        }
        return Optional.empty();
    }

    /**
     * A sensitive name counts on its own when it is the path (possibly absolute or after a drive letter), not a word
     * inside prose: it starts the value, or follows a separator, a NUL or a drive letter.
     */
    private static boolean absoluteOrRelativeFile(String path, KeywordSet.Hit hit) {
        int s = hit.start();
        if (path.charAt(s) == '/' || path.charAt(s) == '.') {
            return s == 0 || !Character.isLetterOrDigit(path.charAt(s - 1));
        }
        if (s == 0) {
            return true;
        }
        char before = path.charAt(s - 1);
        return before == '/' || before == '\0' || before == ':' || before == '=';
    }

    /** The climb opens the value ({@code ../x}, {@code /../x}): it leaves the directory the value is resolved in. */
    private static boolean leadingClimb(String path, int climb) {
        return climb == 0 || climb == 1 && path.charAt(0) == '/';
    }

    /** A relative link to a page asset, the benign use of one {@code ../}. */
    private static boolean webAsset(String path) {
        int q = path.indexOf('?');
        String p = q >= 0 ? path.substring(0, q) : path;
        return p.endsWith(".png") || p.endsWith(".jpg") || p.endsWith(".jpeg") || p.endsWith(".gif") || p.endsWith(".svg")
                || p.endsWith(".css") || p.endsWith(".js") || p.endsWith(".html") || p.endsWith(".htm")
                || p.endsWith(".webp") || p.endsWith(".ico") || p.endsWith(".woff2") || p.endsWith(".md");
    }

    /**
     * Where the value is an absolute path into a system directory: {@code /etc/...} at its start (after blanks or a
     * NUL), or under a drive letter ({@code c:/windows/...}); -1 otherwise.
     */
    private static int systemRoot(String path) {
        int start = 0;
        while (start < path.length() && (path.charAt(start) == ' ' || path.charAt(start) == '\0')) {
            start++;
        }
        int from = start + 1 < path.length() && Character.isLetter(path.charAt(start)) && path.charAt(start + 1) == ':'
                ? start + 2 : start;
        for (String root : SYSTEM_ROOTS) {
            if (path.startsWith(root, from)) {
                return start;
            }
        }
        return -1;
    }

    /**
     * Where four or more dots follow the start or a separator ({@code ....//}, {@code /......}): what is left of a
     * traversal after a filter stripped {@code ../} once, or of one whose separators were lost on the way. Prose puts
     * an ellipsis after a word, not at the start of a path segment.
     */
    private static int dotRunAfterSeparator(String path) {
        int n = path.length();
        for (int i = 0; i < n; i++) {
            if (path.charAt(i) == '.' && (i == 0 || path.charAt(i - 1) == '/')) {
                int j = i;
                while (j < n && path.charAt(j) == '.') {
                    j++;
                }
                if (j - i >= 4) {
                    return i;
                }
                i = j;
            }
        }
        return -1;
    }

    /**
     * The run of two or more dots {@code [from, to)} is a whole path segment ({@code ..}, or {@code ....} where a
     * filter stripped {@code ../} once) that touches a separator: bounded by the start, the end, a separator, a NUL
     * or Tomcat's {@code ;}, and next to a {@code /} on one side. Dots alone ({@code ...}) and ranges ({@code 1..5})
     * are not climbs.
     */
    private static boolean climb(String path, int from, int to) {
        int n = path.length();
        boolean leftBound = from == 0 || path.charAt(from - 1) == '/';
        boolean rightBound = to == n || path.charAt(to) == '/' || path.charAt(to) == ';' || path.charAt(to) == '\0';
        boolean touches = from > 0 && path.charAt(from - 1) == '/' || to < n && path.charAt(to) == '/'
                || to + 1 < n && path.charAt(to) == ';' && path.charAt(to + 1) == '/';
        return leftBound && rightBound && touches;
    }

    /**
     * Lower-cased, with every character a server may treat as a separator turned into {@code /}: backslash,
     * the Unicode slash look-alikes (fullwidth solidus, division slash, fraction slash) and any other non-ASCII symbol
     * (best-fit mappings), and fullwidth dots to {@code .}. Keeps the value's length, so positions carry over.
     */
    static String normaliseSeparators(String value) {
        StringBuilder sb = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char r = switch (c) {
                case '\\', '\uFF0F', '\u2215', '\u2044', '\uFF3C', '\u2216' -> '/';
                case '\uFF0E', '\u2024' -> '.';
                default -> c >= 'A' && c <= 'Z' ? (char) (c + 32)
                        // IIS and "best fit" code-page mappings turn odd symbols into separators (..%uEFC8, ..%c0%2f)
                        : c >= 0x80 && !Character.isLetterOrDigit(c) ? '/' : c;
            };
            if (r != c && sb == null) {
                sb = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (sb != null) {
                sb.append(r);
            }
        }
        return sb == null ? value : sb.toString();
    }

    private static Optional<Match> match(double confidence, String rule, String value, int from) {
        return Optional.of(new Match(AttackClass.PATH_TRAVERSAL, confidence, rule, Evidence.around(value, from)));
    }
}

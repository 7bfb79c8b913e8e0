package io.periscope.detection.signature.traversal;

import io.periscope.detection.signature.KeywordSet;
import java.util.List;

/**
 * Secret files that a deployment may leave inside its own web root: environment files ({@code .env}), version-control
 * metadata ({@code .git/config}), cloud and package-manager credentials ({@code .aws/credentials}, {@code .npmrc}),
 * server access files ({@code .htaccess}, {@code .htpasswd}), configuration backups ({@code wp-config.php.bak}),
 * {@code WEB-INF/web.xml}.
 *
 * <p>Why a class of its own: a request <em>path</em> naming one of them ({@code GET /.env}) climbs nowhere; it asks the
 * site for a file the site may really serve by mistake. That is reconnaissance (content discovery, secret-file
 * probing), reported by the behavioural reconnaissance detector, not path traversal. The same name in a
 * <em>parameter</em> ({@code ?file=.htaccess}) is file inclusion and stays with {@link PathTraversalDetector}.
 * System files outside any web root ({@code /etc/passwd}, {@code win.ini}) stay traversal wherever they appear: a
 * web server serving them has been escaped.
 *
 * <p>Matching is one Aho–Corasick pass, case-insensitive, linear in the path's length; a name counts only where it
 * starts a path segment ({@code /x/.env}, not {@code /docs/my.env}).
 */
public final class WebRootSecrets {

    /**
     * Names that {@link PathTraversalDetector} has always judged as file inclusion in a parameter; in a request path
     * they are probes. Matched after separators are normalised to {@code /}.
     */
    static final List<String> INCLUDED_IN_PARAMETERS = List.of(".htaccess", ".htpasswd", ".ssh/id_rsa",
            ".ssh/authorized_keys", ".bash_history", "/.env", "wp-config.php", "web-inf/web.xml", "meta-inf/manifest");

    /** Further names only content-discovery tools ask for; judged in request paths only. */
    private static final List<String> PROBED_ONLY = List.of(".env", ".git/", ".gitconfig", ".svn/", ".hg/",
            ".bzr/", ".aws/credentials", ".aws/config", ".npmrc", ".pypirc", ".netrc", ".dockercfg", ".docker/config.json",
            ".kube/config", ".ssh/", ".ds_store", ".idea/", ".vscode/sftp.json", "web-inf/", "meta-inf/",
            ".bash_profile", ".zsh_history", ".mysql_history", ".pgpass", ".my.cnf", "config.php.bak", "config.php~",
            "wp-config.", "web.config", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "credentials.json",
            "secrets.yml", "secrets.yaml", "database.yml", "settings.py", "appsettings.json", "docker-compose.yml",
            "docker-compose.yaml", ".dockerenv", "server-status", "phpinfo.php", ".travis.yml", ".gitlab-ci.yml");

    private static final KeywordSet NAMES = new KeywordSet(
            java.util.stream.Stream.concat(INCLUDED_IN_PARAMETERS.stream(), PROBED_ONLY.stream()).distinct().toList());

    private WebRootSecrets() {
    }

    /**
     * The secret file a request path asks for, or null: the first listed name that starts a segment of the path
     * (after a {@code /} or at the start). The path should be at most a few KiB (templates are cut at 2 KiB).
     */
    public static String probedFile(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        for (KeywordSet.Hit hit : NAMES.all(path, 8)) {
            int s = hit.start();
            if (path.charAt(s) == '/' || s == 0 || path.charAt(s - 1) == '/' || path.charAt(s - 1) == '\\') {
                return hit.keyword();
            }
        }
        return null;
    }
}

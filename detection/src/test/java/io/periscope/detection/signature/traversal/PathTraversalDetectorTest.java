package io.periscope.detection.signature.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.detection.signature.InputLocation;
import io.periscope.detection.signature.LocationKind;
import io.periscope.detection.signature.Match;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathTraversalDetectorTest {
    private final PathTraversalDetector detector = new PathTraversalDetector();
    private static final InputLocation FILE = new InputLocation(LocationKind.QUERY_VALUE, "file");

    private Optional<Match> inspect(String v) {
        return detector.inspect(v, FILE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../etc/passwd", "..\\..\\windows\\win.ini", "....//....//etc/passwd",
            "/var/www/../../etc/shadow", "..;/..;/WEB-INF/web.xml", "..\uFF0F..\uFF0Fetc\uFF0Fpasswd",
            "0x2e0x2e0x2f0x2e0x2e0x2fetc0x2fpasswd", "%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afetc%c0%afpasswd",
            "..%uEFC8..%uEFC8boot.ini", "??/??/etc/passwd", ".%00./.%00./etc/passwd", "../../../../tmp/x"})
    void climbsOutOfTheDirectoryInEveryEncodingAreFound(String v) {
        assertThat(inspect(v)).isPresent();
        assertThat(inspect(v).get().confidence()).isGreaterThanOrEqualTo(0.85);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "C:\\Windows\\System32\\drivers\\etc\\hosts", "/proc/self/environ",
            "php://filter/convert.base64-encode/resource=index.php", "file:///etc/hosts", "c:windowswin.ini",
            "/var/log/apache2/access.log", "/.htaccess", "/.env", "wp-config.php.bak", "WEB-INF/web.xml"})
    void sensitiveFilesAndWrappersAreFoundWithoutAnyClimb(String v) {
        assertThat(inspect(v)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"...", "1..5", "wait...", "../images/logo.png", "docs/readme.md", "/api/v1/users/42",
            "see the /etc folder in the manual", "version 2.0..3.1", "passwd reset link", "a/b/c"})
    void prosePathsRangesAndRelativeAssetLinksAreNotTraversal(String v) {
        assertThat(inspect(v)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../etc/passwd", "/etc/passwd"})
    void evidenceShowsTheDecodedPath(String v) {
        assertThat(inspect(v).orElseThrow().evidence()).contains("etc/passwd");
    }

    private static final InputLocation REQUEST_PATH = new InputLocation(LocationKind.PATH_SEGMENT, "*");

    @ParameterizedTest
    @ValueSource(strings = {"/.env", "/admin/.env", "/.htaccess", "/.htpasswd", "/wp-config.php", "/wp-config.php.bak",
            "/WEB-INF/web.xml", "/META-INF/MANIFEST.MF", "/.ssh/id_rsa", "/.bash_history", "/.git/config",
            "/.aws/credentials"})
    void aRequestPathNamingASecretFileOfTheWebRootClimbsNowhereAndIsNoTraversal(String path) {
        assertThat(detector.inspect(path, REQUEST_PATH)).isEmpty();
        assertThat(WebRootSecrets.probedFile(path)).as("left to reconnaissance").isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "/../../etc/passwd", "/static/../../.env", "/..;/..;/WEB-INF/web.xml",
            "/..;/WEB-INF/web.xml", "/proc/self/environ", "/c:/windows/win.ini", "/%00../../etc/shadow",
            "/php://filter/resource=index.php"})
    void aRequestPathThatClimbsOrNamesASystemFileStaysTraversal(String path) {
        assertThat(detector.inspect(path, REQUEST_PATH)).as(path).isPresent();
    }
}

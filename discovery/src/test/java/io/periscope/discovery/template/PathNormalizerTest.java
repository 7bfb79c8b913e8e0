package io.periscope.discovery.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathNormalizerTest {
    private static final PathNormalizer STRIP = new PathNormalizer(TrailingSlash.STRIP);
    private static final PathNormalizer KEEP = new PathNormalizer(TrailingSlash.KEEP);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // RFC 3986 §5.4 examples whose outcome is decided by remove_dot_segments on the path
            "/a/b/c/./../../g | /a/g",
            "/a/b/c/g/. | /a/b/c/g",
            "/a/b/c/g/.. | /a/b/c",
            "/a/b/c/./g | /a/b/c/g",
            "/a/b/c/g;x=1/./y | /a/b/c/g;x=1/y",
            "/a/b/c/g;x=1/../y | /a/b/c/y",
            "/a/b/c/g. | /a/b/c/g.",
            "/a/b/c/.g | /a/b/c/.g",
            "/a/b/c/g.. | /a/b/c/g..",
            "/a/b/c/..g | /a/b/c/..g",
            // unreserved escapes decoded, case-insensitive hex
            "/%7Euser | /~user",
            "/%7euser | /~user",
            "/api/%75sers/42 | /api/users/42",
            "/a%2Db%5Fc%2Ed | /a-b_c.d",
            // other escapes stay encoded, hex upper-cased
            "/files/a%2Fb | /files/a%2Fb",
            "/files/a%2fb | /files/a%2Fb",
            "/q/%c3%a9 | /q/%C3%A9",
            "/q/%20x | /q/%20x",
            // malformed escapes are kept as they are
            "/q/%zz | /q/%zz",
            "/q/% | /q/%",
            "/q/%4 | /q/%4",
            // encoded dot segments are dot segments once decoded
            "/api/users/%2e%2e/users/42 | /api/users/42",
            "/api/%2E/users | /api/users",
            // duplicate slashes
            "//api//users///42 | /api/users/42",
            "/ | /",
            "// | /",
            "/. | /",
            // the query is kept as it is
            "/api/./users?next=/a/../b | /api/users?next=/a/../b",
    })
    void normalisesPaths(String raw, String expected) {
        PathNormalizer.Result r = STRIP.normalize(raw);
        assertThat(r.path()).isEqualTo(expected);
        assertThat(r.changed()).isEqualTo(!raw.equals(expected));
        assertThat(r.climbedAboveRoot()).isFalse();
        assertThat(r.tooLong()).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1} (strip), {2} (keep)")
    @CsvSource(delimiter = '|', value = {
            "/users/ | /users | /users/",
            "/users// | /users | /users/",
            "/users/. | /users | /users/",
            "/users/42/.. | /users | /users/",
            "/users | /users | /users",
            "/ | / | /",
    })
    void appliesTheTrailingSlashPolicy(String raw, String stripped, String kept) {
        assertThat(STRIP.normalize(raw).path()).isEqualTo(stripped);
        assertThat(KEEP.normalize(raw).path()).isEqualTo(kept);
    }

    @ParameterizedTest(name = "{0} climbs above the root -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/../etc/passwd | /etc/passwd",
            "/a/../../b | /b",
            "/api/../../etc/passwd | /etc/passwd",
            "/%2e%2e/%2E%2E/etc/passwd | /etc/passwd",
            "/.. | /",
            "//..//..//x | /x",
    })
    void detectsClimbingAboveTheRoot(String raw, String expected) {
        PathNormalizer.Result r = STRIP.normalize(raw);
        assertThat(r.climbedAboveRoot()).isTrue();
        assertThat(r.path()).isEqualTo(expected);
        assertThat(r.changed()).isTrue();
    }

    @Test
    void aDotDotThatStaysInsideTheRootIsNoClimb() {
        assertThat(STRIP.normalize("/a/../b").climbedAboveRoot()).isFalse();
        assertThat(STRIP.normalize("/a/b/../../c").climbedAboveRoot()).isFalse();
    }

    @Test
    void anUnchangedPathIsReturnedAsItIs() {
        String raw = "/api/users/42";
        PathNormalizer.Result r = STRIP.normalize(raw);
        assertThat(r.path()).isSameAs(raw);
        assertThat(r.changed()).isFalse();
    }

    @Test
    void anOverlongPathIsNotRead() {
        String raw = "/" + "a".repeat(PathNormalizer.MAX_LENGTH);
        PathNormalizer.Result r = STRIP.normalize(raw);
        assertThat(r.tooLong()).isTrue();
        assertThat(r.path()).isSameAs(raw);
        assertThat(STRIP.normalize(raw.substring(0, PathNormalizer.MAX_LENGTH)).tooLong()).isFalse();
    }

    @Test
    void hostilePathsOfThousandsOfDotSegmentsAndSlashesNormaliseInLinearTime() {
        // each shape fills the whole length limit: climbing, deep nesting popped at once, slashes, encoded dots
        String climbing = "/" + "../".repeat(PathNormalizer.MAX_LENGTH / 3 - 1);
        String nested = "/" + "a/".repeat(PathNormalizer.MAX_LENGTH / 4) + "../".repeat(PathNormalizer.MAX_LENGTH / 6 - 1);
        String slashes = "/".repeat(PathNormalizer.MAX_LENGTH - 1) + "x";
        String encoded = "/" + "%2e%2e/".repeat(PathNormalizer.MAX_LENGTH / 7 - 2) + "etc/passwd";
        // A hang guard, not a benchmark: a quadratic pass over a 64 KiB path (tens of thousands of segments popped one
        // by one) costs billions of steps per call, minutes for this loop; linear work finishes in milliseconds even
        // on a loaded CI machine. (The 2 s bound this replaced failed under a load average of 27 on 2 cores.)
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 20; i++) {
                assertThat(STRIP.normalize(climbing).climbedAboveRoot()).isTrue();
                assertThat(STRIP.normalize(climbing).path()).isEqualTo("/");
                assertThat(STRIP.normalize(nested).path().length()).isLessThanOrEqualTo(nested.length());
                assertThat(STRIP.normalize(slashes).path()).isEqualTo("/x");
                assertThat(STRIP.normalize(encoded).path()).isEqualTo("/etc/passwd");
                assertThat(STRIP.normalize(encoded).climbedAboveRoot()).isTrue();
            }
        });
    }
}

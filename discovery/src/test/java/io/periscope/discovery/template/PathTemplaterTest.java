package io.periscope.discovery.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.periscope.events.catalog.TemplateRule;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PathTemplaterTest {
    private static final WordDictionary DICT = WordDictionary.shipped();

    private static PathTemplater templater() {
        return new PathTemplater(new SegmentClassifier(DICT), DICT);
    }

    private static String t(String path) {
        return templater().resolve("GET", path).template();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // numeric ids, named from the resource
            "/users/42, /users/{userId}",
            "/users/42/orders/1001, /users/{userId}/orders/{orderId}",
            "/api/v1/accounts/7/transactions/99, /api/v1/accounts/{accountId}/transactions/{transactionId}",
            "/categories/3/sub-categories/8, /categories/{categoryId}/sub-categories/{subCategoryId}",
            "/people/5, /people/{personId}",
            "/addresses/5, /addresses/{addressId}",
            // UUIDs, ObjectIds, hex hashes, mixed-case and long mixed ids
            "/orders/3f2b9c3e-8a1d-4e59-9f0c-2d7c4b1a9e77, /orders/{orderId}",
            "/posts/507f1f77bcf86cd799439011, /posts/{postId}",
            "/commits/9fceb02d0ae598e95dc970b74767f19372d61af8, /commits/{commitId}",
            "/blobs/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, /blobs/{blobId}",
            "/sessions/aB3dE5fG7hJ9kL, /sessions/{sessionId}",
            "/invites/Xk9LmQ2pRt, /invites/{inviteId}",
            "/links/kQzPwXyRtBvNmLsA, /links/{linkId}",
            "/customers/cus_9s6XKzkNRiz8i3, /customers/{customerId}",
            // dates and e-mails
            "/reports/2024-03-01, /reports/{reportDate}",
            "/events/2024-03-01T10:15:00Z, /events/{eventDate}",
            "/users/by-email/jane.doe%40example.org, /users/by-email/{byEmailEmail}",
            // file names with extensions keep the extension
            "/files/12345.pdf, /files/{fileId}.pdf",
            "/images/3f2b9c3e-8a1d-4e59-9f0c-2d7c4b1a9e77.png, /images/{imageId}.png",
            "/static/app.js, /static/app.js",
            "/openapi.json, /openapi.json",
            "/favicon.ico, /favicon.ico",
            // versions and literal words stay literal
            "/v1/health, /v1/health",
            "/api/v2.1/status, /api/v2.1/status",
            "/org/onboardingStatus, /org/onboardingStatus",
            "/account/reset-password, /account/reset-password",
            "/user_settings/notification_preferences, /user_settings/notification_preferences",
            "/oauth2/token, /oauth2/token",
            "/auth/2fa/verify, /auth/2fa/verify",
            "/, /",
            // a trailing slash that reaches the templater is kept: PathNormalizer's policy decides whether one does
            "/users/, /users/",
            "/users/42/, /users/{userId}/",
            "/users/me, /users/me",
            // a parameter after a parameter has no resource to name it from
            "/shops/12/34, /shops/{shopId}/{param3}",
    })
    void typedSegmentsBecomeNamedParametersAndWordsStayLiteral(String path, String template) {
        assertThat(t(path)).isEqualTo(template);
    }

    @Test
    void sameTemplateForEveryIdSoTheEndpointIdentityIsStable() {
        PathTemplater tp = templater();
        assertThat(tp.resolve("GET", "/users/1").normalized())
                .isEqualTo(tp.resolve("GET", "/users/987654").normalized())
                .isEqualTo(tp.resolve("GET", "/users/3f2b9c3e-8a1d-4e59-9f0c-2d7c4b1a9e77").normalized())
                .isEqualTo("/users/{}");
    }

    @Test
    void segmentsTheSensorReplacedByAMarkerAreParametersOfOneEndpoint() {
        PathTemplater tp = templater();
        assertThat(tp.resolve("GET", "/password-reset/[redacted:Jwt:5f0c9d1e2a7b44c1a0f3e2d18b6c7a90]").normalized())
                .isEqualTo(tp.resolve("GET", "/password-reset/[redacted:Jwt:0123456789abcdef0123456789abcdef]").normalized())
                .isEqualTo("/password-reset/{}");
        assertThat(tp.resolve("GET", "/users/[masked:email:a****@example.com]").normalized()).isEqualTo("/users/{}");
        assertThat(new SegmentClassifier(DICT).classify("[masked:email:a****@example.com]")).isEqualTo(SegmentKind.EMAIL);
        assertThat(new SegmentClassifier(DICT).classify("[masked:payment_card:************1111]"))
                .isEqualTo(SegmentKind.REDACTED);
        assertThat(new SegmentClassifier(DICT).classify("[not-a-marker]")).isEqualTo(SegmentKind.LITERAL);
    }

    @Test
    void slugsAndCodesAreCandidatesButWordsAreNot() {
        PathTemplater tp = templater();
        assertThat(tp.resolve("GET", "/products/zx-fr4k").candidatePositions()).containsExactly(1);
        assertThat(tp.resolve("GET", "/org/onboardingStatus").candidatePositions()).isEmpty();
        assertThat(tp.resolve("GET", "/v1/users").candidatePositions()).isEmpty();
    }

    @Test
    void mergeRuleForcesAParameterWhateverTheValueLooksLike() {
        PathTemplater tp = templater();
        tp.setUserRules(List.of(new TemplateRule("r1", TemplateRule.Action.MERGE, null, "/products/{slug}", "test", 0)));
        assertThat(tp.resolve("GET", "/products/blue-hat").template()).isEqualTo("/products/{slug}");
        assertThat(tp.resolve("POST", "/products/settings").template()).isEqualTo("/products/{slug}");
        assertThat(tp.resolve("GET", "/products/blue-hat/reviews").template()).isEqualTo("/products/blue-hat/reviews");
    }

    @Test
    void splitRuleKeepsLiteralsThatLookLikeIds() {
        PathTemplater tp = templater();
        tp.setUserRules(List.of(new TemplateRule("r1", TemplateRule.Action.SPLIT, "GET", "/archive/2024", "test", 0)));
        assertThat(tp.resolve("GET", "/archive/2024").template()).isEqualTo("/archive/2024");
        assertThat(tp.resolve("GET", "/archive/2023").template()).isEqualTo("/archive/{archiveId}");
        assertThat(tp.resolve("DELETE", "/archive/2024").template()).as("rule is for GET only").isEqualTo("/archive/{archiveId}");
    }

    @Test
    void splitRuleWinsOverALearnedMerge() {
        PathTemplater tp = templater();
        tp.addLearned("GET", PathPattern.parse("/products/{productId}"));
        tp.setUserRules(List.of(new TemplateRule("r1", TemplateRule.Action.SPLIT, null, "/products/featured", "test", 0)));
        assertThat(tp.resolve("GET", "/products/zx-fr4k").template()).isEqualTo("/products/{productId}");
        assertThat(tp.resolve("GET", "/products/featured").template()).isEqualTo("/products/featured");
    }

    @Test
    void badPatternsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> PathPattern.parse("products/{id}")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> PathPattern.parse("/products/x{id}")).hasMessageContaining("placeholder must open its segment");
        assertThatThrownBy(() -> PathPattern.parse("/products/{}")).hasMessageContaining("placeholder");
        assertThatThrownBy(() -> PathPattern.parse("/products/{a-b}")).hasMessageContaining("names are letters");
    }

    @Test
    void dictionarySplitsCamelKebabAndSnakeCase() {
        assertThat(WordDictionary.tokens("onboardingStatus")).containsExactly("onboarding", "Status");
        assertThat(WordDictionary.tokens("reset-password_v2")).containsExactly("reset", "password", "v2");
        assertThat(DICT.isWordCompound("onboardingStatus")).isTrue();
        assertThat(DICT.isWordCompound("notificationPreferences")).isTrue();
        assertThat(DICT.isWordCompound("zxqv")).isFalse();
        assertThat(DICT.isWordCompound("red-blue-green-white")).as("four tokens read like a slug").isFalse();
    }
}

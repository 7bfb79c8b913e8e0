package io.periscope.detection.endpoint;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PathTemplatesTest {

    @Test
    void idLikeSegmentsBecomeParametersAndTheLastIsTheObject() {
        assertThat(PathTemplates.of("/api/users/42/orders/7f3c2a9e-5b1d-4c8e-9a0f-1e2d3c4b5a69"))
                .isEqualTo(new PathTemplate("/api/users/{id}/orders/{id}", "7f3c2a9e-5b1d-4c8e-9a0f-1e2d3c4b5a69"));
        assertThat(PathTemplates.of("/files/[masked:email:a***@example.test]").template()).isEqualTo("/files/{id}");
        assertThat(PathTemplates.of("/api/v2/products").objectId()).isNull();
    }

    @Test
    void wordsStayLiteral() {
        assertThat(PathTemplates.of("/api/v1/checkout/confirm").template()).isEqualTo("/api/v1/checkout/confirm");
        assertThat(PathTemplates.of("/orders/ab12cd34").template()).isEqualTo("/orders/{id}");
    }

    @Test
    void hostilePathsAreBoundedInLengthAndSegments() {
        String deep = "/a".repeat(5000);
        assertThat(PathTemplates.of(deep).template()).endsWith("/…").hasSizeLessThan(60);
    }
}

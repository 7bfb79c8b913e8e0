package io.periscope.discovery.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SiblingLearnerTest {
    private static final WordDictionary DICT = WordDictionary.shipped();
    private final PathTemplater templater = new PathTemplater(new SegmentClassifier(DICT), DICT);

    private Map<String, String> observe(SiblingLearner learner, String... paths) {
        Map<String, String> ids = new HashMap<>();
        for (String p : paths) {
            ResolvedPath rp = templater.resolve("GET", p);
            learner.observe("GET", rp, "id" + p);
            ids.put("id" + p, p);
        }
        return ids;
    }

    @Test
    void siblingCodesWithOneResponseShapeMergeIntoANamedParameter() {
        SiblingLearner learner = new SiblingLearner(5, 0.8);
        observe(learner, "/products/zx-fr4k", "/products/qw-pl9m", "/products/ab-cd3e", "/products/kk-x7yz", "/products/mn-op2q");
        List<SiblingLearner.Merge> merges = learner.evaluate(id -> "shape-A");
        assertThat(merges).hasSize(1);
        assertThat(merges.get(0).pattern().text()).isEqualTo("/products/{productId}");
        assertThat(merges.get(0).endpointIds()).hasSize(5);
        assertThat(learner.evaluate(id -> "shape-A")).as("a group merges once").isEmpty();
    }

    @Test
    void tooFewSiblingsDoNotMerge() {
        SiblingLearner learner = new SiblingLearner(5, 0.8);
        observe(learner, "/products/zx-fr4k", "/products/qw-pl9m", "/products/ab-cd3e", "/products/kk-x7yz");
        assertThat(learner.evaluate(id -> "shape-A")).isEmpty();
    }

    @Test
    void siblingsWithDifferentResponseShapesAreDistinctEndpoints() {
        SiblingLearner learner = new SiblingLearner(5, 0.8);
        observe(learner, "/admin/zx-fr4k", "/admin/qw-pl9m", "/admin/ab-cd3e", "/admin/kk-x7yz", "/admin/mn-op2q");
        assertThat(learner.evaluate(id -> "shape-" + id.hashCode())).isEmpty();
    }

    @Test
    void siblingsWithoutResponsesYetAreNotJudged() {
        SiblingLearner learner = new SiblingLearner(5, 0.8);
        observe(learner, "/products/zx-fr4k", "/products/qw-pl9m", "/products/ab-cd3e", "/products/kk-x7yz", "/products/mn-op2q");
        assertThat(learner.evaluate(id -> null)).isEmpty();
        assertThat(learner.evaluate(id -> "shape-A")).hasSize(1);
    }

    @Test
    void realWordsUnderOneParentNeverMerge() {
        SiblingLearner learner = new SiblingLearner(2, 0.5);
        observe(learner, "/org/onboardingStatus", "/org/settings", "/org/members", "/org/billing", "/org/invoices",
                "/org/auditLog", "/org/securityPolicy");
        assertThat(learner.evaluate(id -> "same")).isEmpty();
    }
}

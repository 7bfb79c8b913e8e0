package io.periscope.enforcement.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenyStatementTest {
    private static final String OTHERS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowVpc\",\"Effect\":\"Allow\","
            + "\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"execute-api:/*\"}]}";

    @Test
    void ownStatementIsAddedAndReplacedWhileOtherStatementsStayAsTheyWere() {
        DenyStatement deny = new DenyStatement("PeriscopeDeny", 8_192);
        DenyStatement.Result first = deny.rewrite(OTHERS, List.of("203.0.113.7/32"));
        assertThat(first.policy()).contains("\"Sid\":\"AllowVpc\"").contains("\"Sid\":\"PeriscopeDeny\"")
                .contains("\"aws:SourceIp\":[\"203.0.113.7/32\"]");
        DenyStatement.Result second = deny.rewrite(first.policy(), List.of("203.0.113.8/32"));
        assertThat(second.current()).containsExactly("203.0.113.7/32");
        assertThat(second.policy()).contains("AllowVpc").contains("203.0.113.8/32").doesNotContain("203.0.113.7/32");
        assertThat(deny.rewrite(second.policy(), List.of()).policy()).isEqualTo(OTHERS);
    }

    @Test
    void theEscapedPolicyApiGatewayReturnsIsReadToo() {
        String escaped = OTHERS.replace("\"", "\\\"");
        assertThat(new DenyStatement("PeriscopeDeny", 8_192).rewrite(escaped, List.of()).policy()).isEqualTo(OTHERS);
    }

    @Test
    void overTheSizeLimitTheNewestBlocksAreKeptAndThePolicyFits() {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            addresses.add("203.0." + (i / 250) + "." + (i % 250) + "/32");
        }
        DenyStatement.Result result = new DenyStatement("PeriscopeDeny", 8_192).rewrite(OTHERS, addresses);
        assertThat(result.policy().length()).isLessThanOrEqualTo(8_192);
        assertThat(result.included()).isNotEmpty().hasSizeLessThan(1_000)
                .isEqualTo(addresses.subList(0, result.included().size()));
    }

    @Test
    void withOnlyPeriscopesStatementAnEmptyListRemovesThePolicy() {
        DenyStatement deny = new DenyStatement("PeriscopeDeny", 8_192);
        String policy = deny.rewrite("", List.of("203.0.113.7/32")).policy();
        assertThat(deny.rewrite(policy, List.of()).policy()).isEmpty();
    }
}

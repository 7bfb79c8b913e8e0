package io.periscope.events.enforcement;

/** What a block is aimed at; the first half of a block's key. */
public enum BlockKind {
    /** A client address or a CIDR: WAF IP sets and the API Gateway resource policy. */
    IP,
    /** An API Gateway API key id: disabled with {@code UpdateApiKey enabled=false}, follows the attacker across addresses. */
    API_KEY
}

package io.periscope.detection.signature;

/** The injection classes the signature pass recognises; one detector per class. */
public enum AttackClass {
    SQL_INJECTION,
    NOSQL_INJECTION,
    XSS,
    PATH_TRAVERSAL,
    COMMAND_INJECTION,
    LOG4SHELL,
    SSRF,
    XXE,
    SSTI,
    OPEN_REDIRECT
}

package io.periscope.server.auth;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a route needs. Routes without it need {@link AccessRole#VIEWER} for GET and HEAD
 * and {@link AccessRole#ADMIN} for anything else, so a forgotten annotation fails closed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allowed {
    AccessRole value();
}

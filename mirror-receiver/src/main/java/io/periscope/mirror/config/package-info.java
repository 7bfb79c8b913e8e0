/** Receiver settings as validated records; every failure names the full {@code periscope.mirror.*} key and the value. */
package io.periscope.mirror.config;

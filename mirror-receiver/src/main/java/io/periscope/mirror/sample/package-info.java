/** The shipped sample capture (real HTTP traffic, fictional data); api-server's {@code cli.sample} generates it. */
package io.periscope.mirror.sample;

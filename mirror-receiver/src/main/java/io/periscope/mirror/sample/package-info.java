/** The shipped sample capture (real HTTP traffic, fictional data) and the tooling that generates it. */
package io.periscope.mirror.sample;

/** OpenAPI: export of the observed catalog as OpenAPI 3.1, import of user documents and their diff with what is observed. */
package io.periscope.discovery.openapi;

/**
 * The read model of the catalog for the api-server: an in-memory index fed by the compacted catalog and
 * findings topics and the changes topic, answering the REST API's queries, plus the template rule writes.
 */
package io.periscope.discovery.view;

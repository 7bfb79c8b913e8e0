/** Reading parameters out of messages: value type inference and body field extraction (JSON, forms, multipart). */
package io.periscope.discovery.schema;

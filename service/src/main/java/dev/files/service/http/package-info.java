/** The HTTP transport: routes, body limit, the one failure handler, and the HTTP verticle. */
package dev.files.service.http;

/** The actions of API.md, one class each, transport-free; {@code Actions} is the registry. */
package dev.files.action;

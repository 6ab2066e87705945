/**
 * The actions of docs/api.md, one class each, transport-free. {@link dev.files.action.Actions} is
 * the registry, built over an {@link dev.files.action.ActionContext} (stores, blob storage, {@link
 * dev.files.action.ActionOptions}, a {@link dev.files.action.ContentInspector}, a clock and a
 * {@link dev.files.action.ProcessScheduler}). Shared rules live in one place each: access in {@code
 * Access}, meta in {@code Meta}, request reading in {@code Params}, compare-and-set retries in
 * {@code Cas}, object names in {@code ObjectNames}, removal in {@code Removal}.
 */
package dev.files.action;

/** Browser tests: the console and CORS in Debian's Chromium, driven through Selenium. */
package dev.files.service.browser;

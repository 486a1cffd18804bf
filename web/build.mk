# web/build.mk — the browser UI (CodeMirror 6 bundled by esbuild into
# web/dist, which dynbox-server serves) and its tests. Included by the
# top-level Makefile; npm runs only when package-lock.json changes, never at
# run time. web/dist does not depend on $(BUILD): every build serves one UI.

WEB_STAMP := web/node_modules/.installed
WEB_DIST  := web/dist/app.js
WEB_SRC   := $(wildcard web/src/*.js web/src/*.css) web/index.html web/build.mjs

$(WEB_STAMP): web/package-lock.json web/package.json | $(DEPS_STAMP)
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(WEB_DIST): $(WEB_SRC) $(WEB_STAMP)
	node web/build.mjs

ALL_TARGETS  += $(WEB_DIST)
TEST_TARGETS += test-web

.PHONY: web test-web test-web-unit test-web-gallery test-web-browser
web: $(WEB_DIST)

test-web: test-web-unit test-web-gallery test-web-browser

# The UI's modules without a browser: options/URL, diagnostics to squiggles,
# API normalization, the HTML of the views.
test-web-unit: $(WEB_STAMP)
	cd web && node --test test/*.test.js

# Every examples/*.rs has a description and checks as its header says.
test-web-gallery: $(DYNBOXC)
	tests/web/gallery.sh $(DYNBOXC)

# Headless Chromium against a live dynbox-server on a free port. Skips, and
# says why, where the server is not part of this tree yet.
test-web-browser: $(WEB_DIST) $(DYNBOXC) $(if $(DYNBOX_SERVER),$(DYNBOX_SERVER) $(DYNBOXD) $(DYNBOXD_WORKER))
	tests/web/browser.sh "$(DYNBOX_SERVER)" $(BUILD)

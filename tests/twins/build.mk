# tests/twins/build.mk — the rustc twins of the acceptance programs.
TEST_TARGETS += test-twins
.PHONY: test-twins
test-twins:
	tests/twins/run.sh

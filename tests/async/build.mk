# tests/async/build.mk — async goldens and the acceptance examples, each
# under both ABIs (see tests/async/run.sh).
TEST_TARGETS += test-async
.PHONY: test-async
test-async: $(DYNBOXC) $(LIBRT)
	tests/async/run.sh $(DYNBOXC) $(LIBRT)

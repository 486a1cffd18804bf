# tests/async/build.mk — async goldens and the acceptance examples, each
# under both ABIs (see tests/async/run.sh).
TEST_TARGETS += test-async
.PHONY: test-async
test-async: $(DYNBOXC) $(LIBRT)
	tests/async/run.sh $(DYNBOXC) $(LIBRT)

# issue 4: explain's fut_size/fut_align, checked against the ledger
TEST_TARGETS += test-explain-layouts
.PHONY: test-explain-layouts
test-explain-layouts: $(DYNBOXC)
	tests/cli/explain_layouts.sh $(DYNBOXC)

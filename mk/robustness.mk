# mk/robustness.mk: bounded memory (the shared line reader, memory estimates,
# --max-memory) and the second hostile-input suite. Included from
# Makefile.am.
src_librnnscape_a_SOURCES += \
	src/base/memory.c src/base/memory.h \
	src/base/linereader.c src/base/linereader.h
tools_rnnscape_SOURCES += tools/cli_memory.c tools/cli_memory.h

unit_tests += tests/src/base/test_memory tests/src/base/test_linereader
cli_tests += tests/tools/test_hostile2.sh
# cli_data.c parses --max-memory (tools/cli_memory.c) for the programs
# that link it.
tests_tools_test_gradcheck_fault_SOURCES += tools/cli_memory.c
tests_src_models_test_addition_fault_SOURCES += tools/cli_memory.c

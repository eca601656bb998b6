# sam build runs build-TokenFunction (template.yaml: TokenFunction Metadata BuildMethod: makefile) in a copy of this
# directory, with ARTIFACTS_DIR set to the directory that becomes the function's zip. It ships the shaded jar the
# tests run against, built without running them (-DskipTests; failsafe's *IT run after package anyway), as
# lib/function.jar: Lambda's Java runtime puts /var/task and every jar in /var/task/lib on the class path, and a
# jar left whole keeps its Multi-Release entries. Outside sam: make build-TokenFunction ARTIFACTS_DIR=/tmp/fn

.PHONY: build-TokenFunction
build-TokenFunction:
	$(if $(ARTIFACTS_DIR),,$(error ARTIFACTS_DIR is not set: run sam build, or make build-TokenFunction ARTIFACTS_DIR=dir))
	mvn -B -q package -DskipTests
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp target/function.jar "$(ARTIFACTS_DIR)/lib/function.jar"

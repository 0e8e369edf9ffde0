# The two commands of the README, and a few more.
.PHONY: run test bench wasm
run:   ## build the Wasm, serve www/, print the URL
	bash scripts/run.sh
test:  ## every test: native, Wasm in headless Chromium, end-to-end in a real browser
	bash scripts/test.sh
bench: ## the benchmark table
	bash scripts/bench.sh
wasm:
	bash scripts/build-wasm.sh

package golintdocker.tests.goproxy_direct

import data.golintdocker.rules.goproxy_direct

doc(values) := {"stages": [{"index": 0, "go_settings": [{"name": "GOPROXY", "value": v, "via": "env", "line": 3, "end_line": 3} | some v in values]}]}

count_for(values) := count(fs) if {
	fs := goproxy_direct.deny with input as doc(values)
}

test_direct_fires if {
	count_for(["direct"]) == 1
	count_for(["direct,https://proxy.golang.org"]) == 1
}

test_proxies_and_off_are_quiet if {
	count_for(["https://proxy.golang.org,direct", "https://goproxy.cn|direct", "off", "https://athens.corp.example"]) == 0
}

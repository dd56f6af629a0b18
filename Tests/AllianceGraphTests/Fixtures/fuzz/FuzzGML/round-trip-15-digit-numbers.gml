Creator "AllianceGraph"
Version 1
graph
[
  directed 0
  multigraph 1
  format "alliancegraph/1"
  name "Toy triangle"
  year 1900
  codeq "cow"
  scenario "{&quot;parameters&quot;:{&quot;offenseDefense&quot;:1.2,&quot;transparency&quot;:0.3,&quot;armsControl&quot;:{&quot;maxEffort&quot;:0.05}},&quot;contiguity&quot;:[{&quot;between&quot;:[&quot;AAA&quot;,&quot;BBB&quot;],&quot;type&quot;:1},{&quot;between&quot;:[&quot;BBB&quot;,&quot;CCC&quot;],&quot;proximity&quot;:0.7}],&quot;warPlans&quot;:[{&quot;actor&quot;:&quot;AAA&quot;,&quot;trigger&quot;:[&quot;BBB&quot;],&quot;attack&quot;:[&quot;CCC&quot;]}]}"
  node
  [
    id 0
    name "AAA"
    label "Aland"
    caxability 0.3
    gdp 0.3
    effort 0.02
    baselineEffort 0.02
    major 1
    hawkishness 0.5
    intent 0
    note ""
  ]
  node
  [
    id 1
    name "BBB"
    label "Bland"
    capability 0.2
    gdp 0.2
    effort 0.03
    baselineEffort 0.03
    major 0
    hawkishness 0.5
    intent 0
    note ""
  ]
  node
  [
    id 2
    name "CCC"
    label "Cland"
    capability 0.05
    gdp 0.05
    effort 0.02
    baselineEffort 0.02
    major 0
    hawkishness 0.2
    intent 0
    note ""
  ]
  edge
  [
    source 2
    target 1
    kind "defense"
    from "BBB"
    to "CCC"
    symmetric 99
    note ""
  ]
  edge
  [
    source 1
    target 0
    kind "rivalry"
    from "AAA"
    to "BBB"
    symmetric 1
    intensity 0.8
    note ""
  ]
]

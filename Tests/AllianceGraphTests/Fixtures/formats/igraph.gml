Creator "python-igraph fixture"
Version 1
graph
[
  directed 0
  name "Hand-made 1914 sketch"
  year 1914
  node
  [
    id 0
    name "FRN"
    label "France"
    capability 0.12
    major 1
  ]
  node
  [
    id 1
    name "RUS"
    label "Russia"
    capability 0.1
    major 1
  ]
  node
  [
    id 2
    name "GMY"
    label "Germany"
    capability 0.15
    major 1
  ]
  node
  [
    id 3
    name "BEL"
    label "Belgium"
    capability 0.01
    major 0
  ]
  edge
  [
    source 1
    target 0
    kind "defense"
    strength 0.9
    from "FRN"
    to "RUS"
  ]
  edge
  [
    source 1
    target 0
    kind "consultation"
    strength 1
    from "FRN"
    to "RUS"
  ]
  edge
  [
    source 3
    target 2
    kind "nonaggression"
    strength 0.5
    from "GMY"
    to "BEL"
  ]
  edge
  [
    source 3
    target 0
    kind "guarantee"
    strength 0.6
    from "FRN"
    to "BEL"
  ]
  edge
  [
    source 2
    target 0
    kind "rivalry"
    from "FRN"
    to "GMY"
    intensity 0.9
  ]
]

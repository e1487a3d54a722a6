#!/usr/bin/env bash
# Builds the fixed database the report and export tests compare with
# their golden files: every record entered through the command line at a
# pinned time (LIANZHENG_NOW, UTC), so ids, entry times and the late-entry
# flag are the same on every run.
# Usage: report_fixture.sh PATH-TO-lianzheng DB-DIR
set -eu
LZ=$1 DB=$2
export TZ=UTC

# at DATETIME ARGS...: runs lianzheng on the fixture as of DATETIME (UTC).
at() {
	local when=$1
	shift
	LIANZHENG_NOW=$(date -u -d "$when" +%s) "$LZ" --db "$DB" "$@" >/dev/null
}

# People and the plan roles they hold (ids 1-3).
at "2022-01-04 09:00" person add --name 王五 --post 党组书记 --role main --role first
at "2022-01-04 09:01" person add --name 李四 --post 副主席 --role dual:办公室 --role dual:财务科
at "2022-01-04 09:02" person add --name 赵六 --post 纪检组长 --role supervision

# Meetings (ids 4-12), each entered on its day unless said otherwise.
at "2022-01-10 12:00" meeting add --date 2022-01-10 --time 09:00 --end 11:00 \
	--type special-meeting --title 研究部署2022年党风廉政建设工作 --location 三楼会议室 \
	--host 王五 --recorder 李四 --expected 9 --present 8 --absent 赵六:出差 \
	--topic 传达上级纪委全会精神 --topic "研究年度工作要点, 分解任务" \
	--decision 印发责任分工方案 --summary "会议认为：
一是压实责任；二是抓好整改。" --task 5 --task 7 --status held
at "2022-03-15 17:00" meeting add --date 2022-03-15 --time 14:30 --type warning-education \
	--title 观看警示教育片《警钟》 --location 职工服务中心 --host 王五 --status held
at "2022-03-20 18:00" meeting add --date 2022-03-20 --time 15:00 --type branch-committee \
	--title 一季度支委会 --host 李四 --expected 7 --present 3 --status held
# Recorded twelve days late: a late entry (补记), with its reason.
at "2022-04-20 10:00" meeting add --date 2022-04-08 --time 09:00 --type leading-group \
	--title 党组会议（四月） --first-topic 学习习近平总书记重要讲话精神 --host 王五 --status held \
	--late-reason 记录人随队下基层调研，返回后补记
at "2022-05-12 16:00" meeting add --date 2022-05-12 --type heart-talk --title 上半年谈心谈话 \
	--host 王五 --status held
at "2022-01-05 09:00" meeting add --date 2022-06-20 --time 09:00 --type special-meeting \
	--title 二季度专题会议 --status planned
at "2022-01-05 09:01" meeting add --date 2022-07-15 --time 09:00 --type special-meeting \
	--title 三季度专题会议 --status planned
at "2022-02-10 09:00" meeting add --date 2022-02-10 --type theme-day --title 二月主题党日 \
	--status cancelled
# Text that would be markup, a formula or a CSV delimiter anywhere else.
at "2022-06-01 17:00" meeting add --date 2022-06-01 --time 08:30 --type theme-day \
	--title '=HYPERLINK("x"), <b>粗</b> | *星* & '"'"'q'"'"' \\n' --host -王五 --topic @全体党员 \
	--topic '+学习|讨论' --status held

# Items (ids 13-16).
at "2022-02-01 10:00" item add --task 2 --title 整改经费报销手续不全问题 --owner 张三 \
	--source 县委第二轮巡察反馈 --due 2022-05-31 --status in-progress --leader 王五 \
	--measures "补齐报销凭证
建立报销台账，每月核对"
at "2022-03-01 10:00" item note 13 --date 2022-03-01 --text 制定整改方案
at "2022-06-12 10:00" item note 13 --date 2022-06-12 --text "已补齐凭证 23 份，待复核
（财务科）"
at "2022-02-01 10:01" item add --task 2 --title 规范公务接待审批 --owner 李四 \
	--source 县委第二轮巡察反馈 --due 2022-09-30 --status done
at "2022-02-01 10:02" item add --task 5 --title 制定年度责任清单 --owner 李四 --due 2022-02-28 \
	--status closed
at "2022-02-01 10:03" item add --task 11 --title 组织观看警示教育片 --owner 赵六
# The 整改台账's 回头看 of a closed rectification item.
at "2022-06-20 10:00" item edit 14 --followup 2022-06-20 --followup-result "抽查 10 笔，未见反弹"
# …and its 销号 once the inspection office confirmed it.
at "2022-06-25 10:00" item edit 14 --status closed --signed-off 2022-06-25

# Risk points (ids 17-19).
at "2021-12-01 10:00" risk add --post 财务岗 --link 工会经费报销 --desc 报销凭证审核不严 \
	--level high --likelihood 4 --impact 5 --measures "三级联签
每季度抽查" --owner 张三 --review 2022-03-01 --status 在控
at "2021-12-01 11:00" risk review 17 --date 2021-12-01 --result "抽查 12 笔，未见问题" \
	--next 2022-03-01
at "2022-05-30 10:00" risk add --post 办公室 --link 慰问品采购 --desc 询价比价不充分 \
	--level medium --likelihood 3 --impact 3 --owner 李四 --review 2022-11-30
at "2022-05-30 10:01" risk add --post 帮扶岗 --link 困难职工帮扶资金发放 --desc 审核把关不严 \
	--level low --likelihood 2 --impact 4 --measures 两人审核 --owner 赵六 --review 2023-05-30

# An item with a source that is no inspection: not in the rectification
# ledger (id 20).
at "2022-06-01 10:00" item add --task 8 --title 签订廉政承诺书 --owner 李四 \
	--source 县总工会年度工作安排 --due 2022-07-31
